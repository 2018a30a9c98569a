package dev.sluice.personalize.braze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.personalize.job.AttributeShape;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows as Braze attributes, sent to the Braze sandbox and read back (spec §14 10, 16, 17). */
@SuppressWarnings("unchecked")
class BrazePayloadTest {
    private BrazeSandbox braze;
    private BrazeSink sink;

    static final String RECS = "[{\"name\":\"Tan Backpack\",\"category\":\"accessories\",\"price\":90.99,\"itemId\":\"106\"},"
            + "{\"name\":\"Pink Backpack\",\"category\":\"accessories\",\"price\":123.99,\"itemId\":\"107\"},"
            + "{\"name\":\"Red Shoe\",\"category\":\"footwear\",\"price\":87.99,\"itemId\":\"49\"}]";

    static final String ROW = "{\"queryItemId\":\"105\",\"userId\":\"123\",\"recommendations\":" + RECS
            + ",\"jobInfo\":{\"name\":\"job1\",\"runDateTime\":\"2022-06-06T11:58:19Z\"},\"syncDirectives\":"
            + "{\"attributePrefix\":\"recs_\",\"otherAttributes\":{\"other_attrib1\":\"custom_value\",\"external_id\":\"X\"}}}";

    @BeforeEach
    void start() {
        braze = BrazeSandbox.start();
        sink = BrazeSink.open(BrazeConfig.defaults(URI.create(braze.url()), braze.apiKey()));
    }

    @AfterEach
    void stop() {
        sink.close();
        braze.close();
    }

    private Map<String, Object> send(String row, AttributeShape shape) {
        Payload payload = RecommendationPayload.of(row.getBytes(StandardCharsets.UTF_8), shape);
        assertThat(payload).isInstanceOf(Payload.Send.class);
        BrazeObject object = ((Payload.Send) payload).object();
        sink.write(List.of(object)).join();
        return braze.user(((Payload.Send) payload).user()).orElseThrow();
    }

    @Test
    void parallelArraysKeepTheRowsUserAndOtherAttributesAndLoseAlignmentOnRepeatedValues() {
        Map<String, Object> user = send(ROW, AttributeShape.ARRAYS);

        assertThat(user).containsEntry("other_attrib1", "custom_value");
        assertThat(braze.user("X")).isEmpty(); // otherAttributes.external_id never overrides the row's user
        assertThat((List<Object>) user.get("recs_itemId")).containsExactly("106", "107", "49");
        assertThat((List<Object>) user.get("recs_name")).containsExactly("Tan Backpack", "Pink Backpack", "Red Shoe");
        // Braze keeps unique values only: three items, two categories, the arrays no longer line up
        assertThat((List<Object>) user.get("recs_category")).containsExactly("accessories", "footwear");
    }

    @Test
    void objectsKeepEachItemWholeInRankOrder() {
        Map<String, Object> user = send(ROW, AttributeShape.OBJECTS);

        List<?> recs = (List<?>) user.get("recs_recommendations");
        assertThat(recs).hasSize(3);
        assertThat((Map<String, Object>) recs.get(1)).containsEntry("itemId", "107").containsEntry("category", "accessories");
        assertThat((Map<String, Object>) recs.get(2)).containsEntry("category", "footwear");
        assertThat(user).doesNotContainKey("recs_category");
    }

    @Test
    void withoutSyncDirectivesThePrefixIsRecommendationAndTheRowsShapeWinsOverTheDefault() {
        String row = "{\"queryUserId\":\"4638\",\"recommendations\":" + RECS + "}";
        assertThat(send(row, AttributeShape.ARRAYS)).containsKey("recommendation_itemId");
        String arrays = "{\"queryUserId\":\"4639\",\"recommendations\":" + RECS
                + ",\"syncDirectives\":{\"attributeShape\":\"arrays\"}}";
        assertThat(send(arrays, AttributeShape.OBJECTS)).containsKey("recommendation_name");
    }

    @Test
    void emptyRecommendationsAreSkippedOrClearedWhenConfigured() {
        assertThat(RecommendationPayload.of("{\"queryUserId\":\"u\",\"recommendations\":[]}".getBytes(StandardCharsets.UTF_8),
                AttributeShape.OBJECTS)).isInstanceOf(Payload.Skip.class);
        send("{\"queryUserId\":\"u\",\"recommendations\":" + RECS + "}", AttributeShape.OBJECTS);

        Map<String, Object> user = send("{\"queryUserId\":\"u\",\"recommendations\":[],\"syncDirectives\":"
                + "{\"clearEmptyRecommendations\":true}}", AttributeShape.OBJECTS);

        assertThat(user).doesNotContainKey("recommendation_recommendations");
    }

    @Test
    void aRowWithoutAUserIsInvalid() {
        assertThat(RecommendationPayload.of("{\"recommendations\":[]}".getBytes(StandardCharsets.UTF_8),
                AttributeShape.OBJECTS)).isInstanceOf(Payload.Invalid.class);
        assertThat(RecommendationPayload.of("not json".getBytes(StandardCharsets.UTF_8), AttributeShape.OBJECTS))
                .isInstanceOf(Payload.Invalid.class);
    }

    @Test
    void aRowNamingAnUnknownShapeIsInvalidRatherThanAnErrorForItsWholeBatch() {
        byte[] row = "{\"userId\":\"1\",\"recommendations\":[{\"itemId\":\"2\"}],\"syncDirectives\":{\"attributeShape\":\"table\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RecommendationPayload.of(row, AttributeShape.OBJECTS)).isInstanceOfSatisfying(Payload.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("attributeShape", "table"));
    }
}
