package dev.sluice.personalize.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every batch output shape of Personalize's documentation (spec §10, §14 21). */
class BatchLineParserTest {

    private static BatchLine parse(String line) throws BadLineException {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return BatchLineParser.parse(bytes, 2, bytes.length - 4);
    }

    @Test
    void relatedItems() throws Exception {
        BatchLine line = parse("{\"input\": {\"itemId\": \"105\"}, \"output\": {\"recommendedItems\": [\"106\", \"107\", \"49\"]}}");
        assertThat(line.itemId()).isEqualTo("105");
        assertThat(line.recommendedItems()).containsExactly("106", "107", "49");
        assertThat(line.scores()).isNull();
        assertThat(line.error()).isFalse();
    }

    @Test
    void userPersonalizationWithScoresAndANullError() throws Exception {
        BatchLine line = parse("{\"input\":{\"userId\":\"4638\"},\"output\":{\"recommendedItems\":[\"296\",\"1\"],"
                + "\"scores\":[0.0009785,0.000976]},\"error\":null}");
        assertThat(line.userId()).isEqualTo("4638");
        assertThat(line.scores()).containsExactly(0.0009785, 0.000976);
        assertThat(line.error()).isFalse();
    }

    @Test
    void personalizedRankingWithItsItemListAndAFilter() throws Exception {
        BatchLine line = parse("{\"input\":{\"userId\":\"891\",\"itemList\":[\"27\",\"886\",\"101\"],"
                + "\"filterValues\":{\"GENRES\":\"\\\"horror\\\"\"}},\"output\":{\"recommendedItems\":[\"27\",\"101\",\"886\"],"
                + "\"scores\":[0.48421,0.28133,0.23446]}}");
        assertThat(line.userId()).isEqualTo("891");
        assertThat(line.recommendedItems()).containsExactly("27", "101", "886");
    }

    @Test
    void itemAffinityAndItemAttributeAffinitySegments() throws Exception {
        BatchLine affinity = parse("{\"input\":{\"itemId\":\"105\"},\"output\":{\"recommendedUsers\":[\"106\",\"107\",\"49\"]}}");
        assertThat(affinity.itemId()).isEqualTo("105");
        assertThat(affinity.recommendedUsers()).containsExactly("106", "107", "49");
        BatchLine attributes = parse("{\"itemAttributes\":\"ITEMS.genres = \\\"Comedy\\\"\",\"output\":{\"recommendedUsers\":[\"1\"]}}");
        assertThat(attributes.itemAttributes()).isEqualTo("ITEMS.genres = \"Comedy\"");
        assertThat(attributes.recommendedUsers()).containsExactly("1");
    }

    @Test
    void numericIdsAreReadAsText() throws Exception {
        BatchLine line = parse("{\"input\":{\"itemId\":105},\"output\":{\"recommendedItems\":[106,107]}}");
        assertThat(line.itemId()).isEqualTo("105");
        assertThat(line.recommendedItems()).containsExactly("106", "107");
    }

    @Test
    void anyNonNullErrorMarksTheLine() throws Exception {
        assertThat(parse("{\"input\":{\"userId\":\"1\"},\"error\":\"failed\"}").error()).isTrue();
        assertThat(parse("{\"input\":{\"userId\":\"1\"},\"error\":{\"code\":1}}").error()).isTrue();
        assertThat(parse("{\"input\":{\"userId\":\"1\"},\"output\":{\"recommendedItems\":[]}}").error()).isFalse();
    }

    @Test
    void badLinesNameTheirColumn() {
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(BadLineException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> parse("{\"output\":{\"recommendedItems\":\"106\"}}"))
                .isInstanceOf(BadLineException.class).hasMessageContaining("must be an array")
                .satisfies(e -> assertThat(((BadLineException) e).column()).isEqualTo(31));
        assertThatThrownBy(() -> parse("{\"input\":{}} {}")).isInstanceOf(BadLineException.class)
                .hasMessageContaining("more than one JSON value");
    }

    @Test
    void theOutputOfAnUnwantedItemIsSkippedButItsErrorIsStillSeen() throws Exception {
        byte[] line = "{\"input\":{\"itemId\":\"9\"},\"output\":{\"recommendedItems\":[\"1\",\"2\"]},\"error\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);
        BatchLine skipped = BatchLineParser.parse(line, 0, line.length, id -> !id.equals("9"));
        assertThat(skipped.recommendedItems()).isEmpty();
        assertThat(skipped.error()).isTrue();
        assertThat(BatchLineParser.parse(line, 0, line.length, id -> true).recommendedItems()).containsExactly("1", "2");
    }
}
