package dev.sluice.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.run.JobReport;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** related_items end to end on local folders: the join, shared items, several items per user (spec §14 1–3). */
class RelatedItemsJobTest {
    @TempDir
    Path dir;

    static List<String> itemIds(JsonNode row) {
        return StreamSupport.stream(row.get("recommendations").spliterator(), false)
                .map(r -> r.get("itemId").asText()).toList();
    }

    @Test
    void theReadmeExampleGivesFourRowsEachWithItsThreeRecommendationsOnceInRankOrder() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH).mapping(JobFixture.README_MAPPING);

        JobReport report = job.run();

        List<JsonNode> rows = job.output("braze", JobFixture.PARTITION);
        assertThat(rows).extracting(r -> r.get("userId").asText() + "@" + r.get("queryItemId").asText())
                .containsExactly("123@105", "124@105", "234@106", "235@441");
        // users 123 and 124 share item 105: the seed gave each of them [106,106,107,107,49,49]
        assertThat(itemIds(rows.get(0))).containsExactly("106", "107", "49");
        assertThat(itemIds(rows.get(1))).containsExactly("106", "107", "49");
        assertThat(itemIds(rows.get(2))).containsExactly("105", "107", "49");
        assertThat(itemIds(rows.get(3))).containsExactly("2", "442", "435");
        assertThat(report.linesRead()).isEqualTo(3);
        assertThat(report.joinedRows()).isEqualTo(4);
        assertThat(report.connectors().get(0).changed()).isEqualTo(4);
    }
}
