package dev.sluice.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.job.JobConfigException;
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

    @Test
    void itemsWithoutUsersAndMappingsWithoutBatchRowsProduceNothingAndAreCounted() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH + "{\"input\": {\"itemId\": \"999\"}, \"output\": {\"recommendedItems\": [\"1\"]}}\n")
                .mapping(JobFixture.README_MAPPING + "500,777\n");

        JobReport report = job.run();

        List<JsonNode> rows = job.output("braze", JobFixture.PARTITION);
        assertThat(rows).extracting(r -> r.get("queryItemId").asText()).doesNotContain("999", "777");
        assertThat(rows).extracting(r -> r.get("userId").asText()).doesNotContain("500");
        assertThat(report.unmatchedItems()).isEqualTo(1);
        assertThat(report.unmatchedMappings()).isEqualTo(1);
        assertThat(report.joinedRows()).isEqualTo(4);
    }

    @Test
    void aUserMappedToTwoItemsGetsOneRowPerItemInBatchOrder() throws Exception {
        // the policy: one row per (query item, user), as the seed; the Braze delivery keeps them in this order
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH).mapping("USER_ID,ITEM_ID\n123,105\n123,106\n");

        job.run();

        List<JsonNode> rows = job.output("braze", JobFixture.PARTITION);
        assertThat(rows).extracting(r -> r.get("userId").asText() + "@" + r.get("queryItemId").asText())
                .containsExactly("123@105", "123@106");
        assertThat(itemIds(rows.get(1))).containsExactly("105", "107", "49");
    }

    @Test
    void aRepeatedMappingRowCountsOnce() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH).mapping("USER_ID,ITEM_ID\n123,105\n123,105\n");

        job.run();

        assertThat(job.output("braze", JobFixture.PARTITION)).hasSize(1);
    }

    @Test
    void withoutAMappingFolderTheJobFailsBeforeWritingAnything() {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH);

        assertThatThrownBy(job::run).isInstanceOf(JobConfigException.class)
                .hasMessageContaining("no user-item mapping files").hasMessageContaining("input/user_item_mapping/");
        assertThat(job.job().resolve("output")).doesNotExist();
    }

    @Test
    void mappingRowsWithoutAUserOrItemAreRejectedWithFileLineAndColumn() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH).mapping("USER_ID,ITEM_ID\n123,105\n,106\n234\n");

        JobReport report = job.run();

        assertThat(job.output("braze", JobFixture.PARTITION)).hasSize(1);
        List<JsonNode> rejects = JobFixture.jsonLines(job.job().resolve("rejects").resolve(JobFixture.PARTITION));
        assertThat(rejects).extracting(r -> r.get("line").asLong() + ":" + r.get("column").asInt() + " " + r.get("reason").asText())
                .containsExactly("3:1 empty USER_ID", "4:2 the row has 1 fields, fewer than the header");
        assertThat(rejects.get(0).get("file").asText()).endsWith("input/user_item_mapping/mapping.csv");
        assertThat(report.rejected()).isEqualTo(2);
    }

    @Test
    void aMappingWithoutTheItemColumnIsAConfigErrorNamingTheFile() {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH).mapping("USER_ID,ITEM\n123,105\n");

        assertThatThrownBy(job::run).isInstanceOf(JobConfigException.class)
                .hasMessageContaining("mapping.csv: line 1: no ITEM_ID column");
    }
}
