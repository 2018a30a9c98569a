package dev.sluice.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.job.JobConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item metadata: fields in the configured order, all fields, missing items, unknown fields (spec §14 7–9). */
class DecorationTest {
    @TempDir
    Path dir;

    static final String METADATA = """
            {"id": "106", "current_stock": 15, "name": "Tan Backpack", "category": "accessories", "style": "backpack", "description": "This tan backpack is nifty for traveling", "price": 90.99, "image": "106.jpg"}
            {"id": "107", "current_stock": 17, "name": "Pale Pink Backpack", "category": "accessories", "style": "backpack", "description": "Pale pink backpack for women", "price": 123.99, "image": "107.jpg"}
            {"id": "49", "name": "Gainsboro Backpack", "category": "accessories", "style": "backpack", "description": "First-rate", "price": 87.99, "image": "49.jpg", "gender_affinity": "F"}
            """;

    private JobFixture job(String connector) {
        return JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": " + connector + "}")
                .batch("{\"input\": {\"itemId\": \"105\"}, \"output\": {\"recommendedItems\": [\"106\", \"999\", \"49\"]}}\n")
                .mapping("USER_ID,ITEM_ID\n123,105\n").metadata(METADATA);
    }

    private static List<String> names(JsonNode struct) {
        List<String> names = new ArrayList<>();
        struct.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void structsCarryExactlyTheListedFieldsInThatOrderThenItemId() throws Exception {
        JobFixture job = job("{\"itemMetadataFields\": [\"name\", \"description\", \"price\", \"image\", \"category\", \"style\"]}");

        job.run();

        JsonNode recs = job.output("braze", JobFixture.PARTITION).get(0).get("recommendations");
        assertThat(names(recs.get(0))).containsExactly("name", "description", "price", "image", "category", "style", "itemId");
        assertThat(recs.get(0).get("name").asText()).isEqualTo("Tan Backpack");
        assertThat(recs.get(0).get("price").decimalValue()).isEqualByComparingTo("90.99");
        assertThat(recs.get(2).get("itemId").asText()).isEqualTo("49");
    }

    @Test
    void anItemWithoutMetadataKeepsItsPlaceWithNullFields() throws Exception {
        JobFixture job = job("{\"itemMetadataFields\": [\"name\", \"price\"]}");

        job.run();

        JsonNode recs = job.output("braze", JobFixture.PARTITION).get(0).get("recommendations");
        assertThat(recs).hasSize(3);
        assertThat(recs.get(1).get("itemId").asText()).isEqualTo("999");
        assertThat(recs.get(1).get("name").isNull()).isTrue();
        assertThat(recs.get(1).get("price").isNull()).isTrue();
        assertThat(names(recs.get(1))).containsExactly("name", "price", "itemId");
    }

    @Test
    void withoutAFieldListEveryMetadataFieldIsKeptWithIdAndItemId() throws Exception {
        JobFixture job = job("{}");

        job.run();

        JsonNode recs = job.output("braze", JobFixture.PARTITION).get(0).get("recommendations");
        assertThat(names(recs.get(0))).containsExactly("id", "current_stock", "name", "category", "style", "description",
                "price", "image", "gender_affinity", "itemId");
        assertThat(recs.get(0).get("gender_affinity").isNull()).isTrue(); // 106 has none; 49 has one
        assertThat(recs.get(2).get("gender_affinity").asText()).isEqualTo("F");
    }

    @Test
    void aListedFieldNoItemHasIsAConfigError() {
        JobFixture job = job("{\"itemMetadataFields\": [\"name\", \"colour\"]}");

        assertThatThrownBy(job::run).isInstanceOf(JobConfigException.class)
                .hasMessageContaining("connectors.braze.itemMetadataFields").hasMessageContaining("[colour]");
        assertThat(job.job().resolve("output")).doesNotExist();
    }

    @Test
    void emptyOrNullRecommendationsGiveARowWithEmptyRecommendations() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir).config("\"connectors\": {\"braze\": {}}")
                .batch("{\"input\":{\"userId\":\"u1\"},\"output\":{\"recommendedItems\":[]}}\n"
                        + "{\"input\":{\"userId\":\"u2\"},\"output\":{\"recommendedItems\":null}}\n");

        job.run();

        assertThat(job.output("braze", JobFixture.PARTITION)).hasSize(2)
                .allSatisfy(row -> assertThat(row.get("recommendations")).isEmpty());
    }
}
