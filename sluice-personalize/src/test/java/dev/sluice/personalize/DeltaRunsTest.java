package dev.sluice.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.run.Delivery;
import dev.sluice.personalize.run.JobReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delta check over four runs, its flag, and the state it keeps (spec §14 11–12). */
class DeltaRunsTest {
    @TempDir
    Path dir;

    static final String BATCH = """
            {"input": {"itemId": "105"}, "output": {"recommendedItems": ["106", "107", "49"]}}
            {"input": {"itemId": "106"}, "output": {"recommendedItems": ["105", "107", "49"]}}
            {"input": {"itemId": "441"}, "output": {"recommendedItems": ["2", "442", "435"]}}
            """;
    static final String METADATA = """
            {"id": "105", "name": "A", "price": 10}
            {"id": "106", "name": "B", "price": 20}
            {"id": "107", "name": "C", "price": 30}
            {"id": "49", "name": "D", "price": 40}
            {"id": "2", "name": "E", "price": 50}
            """;

    private static String partition(Instant at) {
        return new dev.sluice.personalize.output.RunStamp(at).partition();
    }

    private static List<String> users(JobFixture job, Instant at) {
        return job.output("braze", partition(at)).stream().map(r -> r.get("userId").asText()).toList();
    }

    @Test
    void firstRunSendsAllSecondNothingThirdThePriceChangeFourthTheReorderedUser() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"performDeltaCheck\": true, \"connectors\": {\"braze\": {}}")
                .batch(BATCH).mapping(JobFixture.README_MAPPING).metadata(METADATA);
        Instant first = Instant.parse("2022-06-06T11:58:19Z");

        JobReport one = job.run(first, Delivery.NONE);
        assertThat(users(job, first)).containsExactly("123", "124", "234", "235");
        assertThat(one.connectors().get(0).stateReplaced()).isTrue();

        Instant second = first.plusSeconds(60);
        JobReport two = job.run(second, Delivery.NONE);
        assertThat(two.connectors().get(0).changed()).isZero();
        assertThat(two.connectors().get(0).unchanged()).isEqualTo(4);
        assertThat(job.job().resolve("output/braze").resolve(partition(second))).doesNotExist();

        // item 2's price: only user 235 (item 441's list holds 2)
        Instant third = second.plusSeconds(60);
        job.metadata(METADATA.replace("\"price\": 50", "\"price\": 55"));
        job.run(third, Delivery.NONE);
        assertThat(users(job, third)).containsExactly("235");

        // item 106's list reordered: only user 234
        Instant fourth = third.plusSeconds(60);
        job.batch(BATCH.replace("[\"105\", \"107\", \"49\"]", "[\"107\", \"105\", \"49\"]"));
        job.run(fourth, Delivery.NONE);
        assertThat(users(job, fourth)).containsExactly("234");
        JsonNode row = job.output("braze", partition(fourth)).get(0);
        assertThat(row.get("recommendations").findValuesAsText("itemId")).containsExactly("107", "105", "49");
    }

    @Test
    void theTopLevelFlagTurnsTheCheckOnAndTheConnectorsOwnSettingWins() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir)
                .config("\"performDeltaCheck\": true, \"connectors\": {\"braze\": {}, \"other\": {\"performDeltaCheck\": false}}")
                .batch(BATCH).mapping(JobFixture.README_MAPPING);
        Instant first = Instant.parse("2022-06-06T11:58:19Z");
        job.run(first, Delivery.NONE);

        JobReport again = job.run(first.plusSeconds(1), Delivery.NONE);

        assertThat(again.connectors()).extracting(c -> c.name() + " " + c.deltaCheck() + " " + c.changed())
                .containsExactly("braze true 0", "other false 4");
    }

    @Test
    void aFailedDeliveryLeavesTheStateSoTheNextRunSendsTheChangesAgain() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"performDeltaCheck\": true, \"connectors\": {\"braze\": {}}")
                .batch(BATCH).mapping(JobFixture.README_MAPPING);
        Instant first = Instant.parse("2022-06-06T11:58:19Z");
        Delivery failing = (connector, folder, parts, rejects) -> {
            throw new IOException("queue unreachable");
        };

        try {
            job.run(first, failing);
        } catch (IOException expected) {
            assertThat(expected).hasMessage("queue unreachable");
        }
        JobReport retry = job.run(first.plusSeconds(1), Delivery.NONE);

        assertThat(retry.connectors().get(0).changed()).isEqualTo(4);
    }

    @Test
    void theStateIsOneGenerationNamedByCurrentAndOldGenerationsAreRemoved() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"performDeltaCheck\": true, \"connectors\": {\"braze\": {}}")
                .batch(BATCH).mapping(JobFixture.README_MAPPING);
        Instant at = Instant.parse("2022-06-06T11:58:19Z");
        for (int i = 0; i < 4; i++) {
            job.run(at.plusSeconds(i), Delivery.NONE);
        }

        Path state = job.job().resolve("output/braze/state");
        String current = Files.readString(state.resolve("CURRENT")).strip();
        try (Stream<Path> files = Files.list(state)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).contains("CURRENT", current).hasSize(3); // CURRENT, this and the previous generation
        }
        // 8-byte magic, version, count, then 16 bytes per distinct row
        assertThat(Files.size(state.resolve(current))).isEqualTo(8 + 4 + 8 + 4 * 16);
    }
}
