package dev.sluice.personalize.braze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.personalize.JobFixture;
import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.personalize.run.JobReport;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with no queue sends its changed rows straight to Braze (the sandbox) through the BrazeSink (spec §14 18). */
class BrazeDeliveryTest {
    @TempDir
    Path dir;
    private BrazeSandbox braze;

    @BeforeEach
    void start() {
        braze = BrazeSandbox.start();
    }

    @AfterEach
    void stop() {
        braze.close();
    }

    private static String users(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "{\"input\":{\"userId\":\"u" + i + "\"},\"output\":"
                + "{\"recommendedItems\":[\"a" + i + "\",\"b\"]}}").collect(Collectors.joining("\n", "", "\n"));
    }

    private JobReport run(JobFixture job, RecordingSink sink) throws Exception {
        return job.run(JobFixture.CLOCK, new BrazeDelivery(sink, AttributeShape.OBJECTS, braze.url()));
    }

    private RecordingSink sink(int maxAttempts) {
        return new RecordingSink(BrazeSink.open(BrazeConfig.defaults(URI.create(braze.url()), braze.apiKey())
                .withMaxAttempts(maxAttempts)));
    }

    @Test
    void oneHundredTwentyRowsGoAsSeventyFiveThenFortyFive() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir).config("\"connectors\": {\"braze\": {}}").batch(users(120));
        try (RecordingSink sink = sink(3)) {
            JobReport report = run(job, sink);

            assertThat(sink.batches()).containsExactly(75, 45);
            assertThat(report.connectors().get(0).delivery().sent()).isEqualTo(120);
        }
        assertThat(braze.stats().objectsAccepted()).isEqualTo(120);
        assertThat(braze.user("u120").orElseThrow().get("recommendation_recommendations")).asList().hasSize(2);
    }

    @Test
    void aRowBrazeRefusesGoesToTheRejectsFileAndTheOthersAreSent() throws Exception {
        // Braze refuses nested keys with a '.': only u4's item has one
        JobFixture job = JobFixture.userPersonalization(dir).config("\"connectors\": {\"braze\": {}}").batch(users(3))
                .batch("more.out", "{\"input\":{\"userId\":\"u4\"},\"output\":{\"recommendedItems\":[\"bad\"]}}\n")
                .metadata("{\"id\":\"b\",\"size\":{\"w\":1}}\n{\"id\":\"bad\",\"size\":{\"w.cm\":1}}\n");
        try (RecordingSink sink = sink(3)) {
            JobReport report = run(job, sink);

            assertThat(report.connectors().get(0).delivery().sent()).isEqualTo(3);
            assertThat(report.connectors().get(0).delivery().rejected()).isEqualTo(1);
        }
        List<JsonNode> rejects = JobFixture.jsonLines(job.job().resolve("rejects").resolve(JobFixture.PARTITION));
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.get("reason").asText()).startsWith("Braze");
            assertThat(r.get("original").asText()).contains("\"u4\"");
        });
    }

    @Test
    void whenBrazeKeepsFailingTheRunStopsAndTheStateIsNotReplaced() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir)
                .config("\"performDeltaCheck\": true, \"connectors\": {\"braze\": {}}").batch(users(5));
        braze.faults().always(Fault.status(500));
        try (RecordingSink sink = sink(2)) {
            assertThatThrownBy(() -> run(job, sink)).isInstanceOf(SinkStoppedException.class)
                    .hasMessageContaining("500");
        }
        braze.faults().clear();

        try (RecordingSink sink = sink(2)) {
            JobReport again = run(job, sink);
            assertThat(again.connectors().get(0).changed()).isEqualTo(5);
            assertThat(again.connectors().get(0).delivery().sent()).isEqualTo(5);
        }
    }
}
