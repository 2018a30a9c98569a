package dev.sluice.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.run.JobReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** user_personalization: the PDG example shape, paths under its own type, no metadata, scores (spec §14 4–5). */
class UserPersonalizationJobTest {
    @TempDir
    Path dir;

    /** A PDG-shaped line: 25 items and 25 scores, "error":null. */
    static String line(String user, int seed) {
        String items = IntStream.range(0, 25).mapToObj(i -> "\"" + (seed + i * 7) + "\"").collect(Collectors.joining(","));
        String scores = IntStream.range(0, 25).mapToObj(i -> String.format(Locale.ROOT, "%.7f", 0.05 - i * 0.001))
                .collect(Collectors.joining(","));
        return "{\"input\":{\"userId\":\"" + user + "\"},\"output\":{\"recommendedItems\":[" + items + "],\"scores\":["
                + scores + "]},\"error\":null}\n";
    }

    static final String PDG = line("4638", 100) + line("663", 200) + line("3384", 300);

    @Test
    void threeUsersGiveThreeRowsWithTwentyFiveItemsUnderTheirOwnJobType() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir).config("\"connectors\": {\"braze\": {}}").batch(PDG);

        JobReport report = job.run();

        List<JsonNode> rows = job.output("braze", JobFixture.PARTITION);
        assertThat(rows).extracting(r -> r.get("queryUserId").asText()).containsExactly("4638", "663", "3384");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("recommendations")).hasSize(25));
        assertThat(rows.get(0).get("recommendations").get(1).get("itemId").asText()).isEqualTo("107");
        // the seed wrote user_personalization output under related_items/
        assertThat(dir.resolve("etl_jobs/user_personalization/job1/output/braze/" + JobFixture.PARTITION)).isDirectory();
        assertThat(dir.resolve("etl_jobs/related_items")).doesNotExist();
        assertThat(report.jobType()).isEqualTo("user_personalization");
        // without metadata (the seed crashed here on a window over queryItemId) items carry their id only
        assertThat(rows.get(0).get("recommendations").get(0).size()).isEqualTo(1);
        assertThat(rows.get(0).has("userId")).isFalse();
    }

    @Test
    void withIncludeScoresEachItemKeepsItsScoreByIndex() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir)
                .config("\"includeScores\": true, \"connectors\": {\"braze\": {}}").batch(PDG);

        job.run();

        JsonNode recs = job.output("braze", JobFixture.PARTITION).get(0).get("recommendations");
        assertThat(recs.get(0).get("itemId").asText()).isEqualTo("100");
        assertThat(recs.get(0).get("score").asDouble()).isEqualTo(0.05);
        assertThat(recs.get(24).get("score").asDouble()).isEqualTo(0.026);
    }

    @Test
    void personalizedRankingLinesAreReadAsRowsPerUser() throws Exception {
        JobFixture job = JobFixture.ofType(dir, "personalized_ranking")
                .config("\"includeScores\": true, \"connectors\": {\"braze\": {}}")
                .batch("{\"input\":{\"userId\":\"891\",\"itemList\":[\"27\",\"886\",\"101\"]},\"output\":"
                        + "{\"recommendedItems\":[\"27\",\"101\",\"886\"],\"scores\":[0.48421,0.28133,0.23446]}}\n");

        job.run();

        JsonNode row = job.output("braze", JobFixture.PARTITION).get(0);
        assertThat(row.get("queryUserId").asText()).isEqualTo("891");
        assertThat(row.get("recommendations").findValuesAsText("itemId")).containsExactly("27", "101", "886");
        assertThat(row.get("recommendations").get(1).get("score").asDouble()).isEqualTo(0.28133);
    }
}
