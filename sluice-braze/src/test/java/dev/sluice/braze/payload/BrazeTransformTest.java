package dev.sluice.braze.payload;

import dev.sluice.core.engine.Rejection;
import dev.sluice.core.engine.TransformResult;
import dev.sluice.core.record.Header;
import dev.sluice.core.record.HeaderException;
import dev.sluice.core.record.Position;
import dev.sluice.core.record.Record;
import dev.sluice.core.record.Value;
import dev.sluice.core.typing.ColumnType;
import dev.sluice.core.typing.EmptyCells;
import dev.sluice.core.typing.TypingException;
import dev.sluice.core.typing.TypingOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrazeTransformTest {

    private static final Position POS = new Position(2, 0, 10);

    private static Header header(String... names) {
        return Header.of(List.of(names));
    }

    private static BrazeTransform transform(String... names) {
        return BrazeTransform.create(header(names), BrazeImportOptions.defaults());
    }

    private static TransformResult<BrazeObject> run(BrazeTransform t, String... cells) {
        try {
            return t.apply(t.rowTyper().type(cells, POS));
        } catch (TypingException e) {
            throw new AssertionError(e);
        }
    }

    private static BrazeObject emitted(TransformResult<BrazeObject> r) {
        assertThat(r).isInstanceOf(TransformResult.Emit.class);
        return ((TransformResult.Emit<BrazeObject>) r).item();
    }

    private static String json(TransformResult<BrazeObject> r) {
        return emitted(r).jsonText();
    }

    private static Rejection rejection(TransformResult<BrazeObject> r) {
        assertThat(r).isInstanceOf(TransformResult.Reject.class);
        return ((TransformResult.Reject<BrazeObject>) r).rejection();
    }

    // ---- identifiers -------------------------------------------------------------------------

    @Test
    void typedAttributesAfterAnExternalId() {
        BrazeTransform t = transform("external_id", "first_name", "age", "score", "active", "tags", "zip", "bio");
        BrazeObject o = emitted(run(t, "123", "Ann", "34", "0.98", "TRUE", "['a', 'B']", "02134", " padded "));
        assertThat(o.jsonText()).isEqualTo("{\"external_id\":\"123\",\"first_name\":\"Ann\",\"age\":34,\"score\":0.98,"
                + "\"active\":true,\"tags\":[\"a\",\"B\"],\"zip\":\"02134\",\"bio\":\" padded \"}");
        assertThat(o.orderingKey()).isEqualTo("e:123");
        assertThat(o.attributeCount()).isEqualTo(7);
        assertThat(o.sizeBytes()).isEqualTo(o.json().length + 1);
    }

    @Test
    void identifierInAnyColumnPositionComesFirst() {
        BrazeTransform t = transform("first_name", "age", "external_id");
        assertThat(json(run(t, "Ann", "34", "u1"))).isEqualTo("{\"external_id\":\"u1\",\"first_name\":\"Ann\",\"age\":34}");
    }

    @Test
    void numericAndLongExternalIdsAreStrings() {
        BrazeTransform t = transform("external_id", "a");
        assertThat(json(run(t, "123", "x"))).isEqualTo("{\"external_id\":\"123\",\"a\":\"x\"}");
        assertThat(json(run(t, "12345678901234567890", "x"))).isEqualTo("{\"external_id\":\"12345678901234567890\",\"a\":\"x\"}");
        assertThat(json(run(t, "0042", "x"))).isEqualTo("{\"external_id\":\"0042\",\"a\":\"x\"}");
        assertThat(json(run(t, "true", "x"))).isEqualTo("{\"external_id\":\"true\",\"a\":\"x\"}");
    }

    @Test
    void idColumnIsSentAsExternalId() {
        BrazeImportOptions options = BrazeImportOptions.defaults().withIdColumn("customer");
        BrazeTransform t = BrazeTransform.create(header("first_name", "customer"), options);
        BrazeObject o = emitted(run(t, "Ann", "0042"));
        assertThat(o.jsonText()).isEqualTo("{\"external_id\":\"0042\",\"first_name\":\"Ann\"}");
        assertThat(o.orderingKey()).isEqualTo("e:0042");
    }

    @Test
    void aliasPairIsSentAsUserAliasAndCreatesUsersByDefault() {
        BrazeTransform t = transform("alias_name", "alias_label", "first_name");
        BrazeObject o = emitted(run(t, "n1", "crm", "Ann"));
        assertThat(o.jsonText()).isEqualTo("{\"user_alias\":{\"alias_name\":\"n1\",\"alias_label\":\"crm\"},"
                + "\"_update_existing_only\":false,\"first_name\":\"Ann\"}");
        assertThat(o.orderingKey()).isEqualTo("a:crm\u0000n1");
        assertThat(o.attributeCount()).isEqualTo(1);
    }

    @Test
    void dashboardAliasColumnsAndUserAliasDictColumn() {
        BrazeTransform dash = transform("user_alias_name", "user_alias_label", "x");
        assertThat(json(run(dash, "n1", "crm", "1"))).isEqualTo("{\"user_alias\":{\"alias_name\":\"n1\",\"alias_label\":\"crm\"},"
                + "\"_update_existing_only\":false,\"x\":1}");

        BrazeTransform dict = transform("user_alias", "x");
        assertThat(json(run(dict, "{'alias_name': 'n1', 'alias_label': 'crm'}", "1")))
                .isEqualTo("{\"user_alias\":{\"alias_name\":\"n1\",\"alias_label\":\"crm\"},\"_update_existing_only\":false,\"x\":1}");
        assertThat(json(run(dict, "{\"alias_label\": \"crm\", \"alias_name\": \"n1\"}", "1")))
                .startsWith("{\"user_alias\":{\"alias_name\":\"n1\",\"alias_label\":\"crm\"}");
        Rejection bad = rejection(run(dict, "{'alias_name': 'n1'}", "1"));
        assertThat(bad.column()).isEqualTo("user_alias");
        assertThat(bad.reason()).contains("is not a user alias");
    }

    @Test
    void updateExistingOnlyFlag() {
        BrazeImportOptions updateOnly = BrazeImportOptions.defaults().withUpdateExistingOnly(true);
        BrazeTransform ext = BrazeTransform.create(header("external_id", "a"), updateOnly);
        assertThat(json(run(ext, "u1", "x"))).isEqualTo("{\"external_id\":\"u1\",\"_update_existing_only\":true,\"a\":\"x\"}");
        BrazeTransform alias = BrazeTransform.create(header("alias_name", "alias_label", "a"), updateOnly);
        assertThat(json(run(alias, "n", "l", "x")))
                .isEqualTo("{\"user_alias\":{\"alias_name\":\"n\",\"alias_label\":\"l\"},\"_update_existing_only\":true,\"a\":\"x\"}");
        BrazeTransform email = BrazeTransform.create(header("email", "a"), updateOnly);
        assertThat(json(run(email, "a@b.co", "x"))).isEqualTo("{\"email\":\"a@b.co\",\"_update_existing_only\":true,\"a\":\"x\"}");
        // without the option, only alias objects carry the flag (false)
        assertThat(json(run(transform("external_id", "a"), "u1", "x"))).isEqualTo("{\"external_id\":\"u1\",\"a\":\"x\"}");
        assertThat(json(run(transform("braze_id", "a"), "b1", "x"))).isEqualTo("{\"braze_id\":\"b1\",\"a\":\"x\"}");
    }

    @Test
    void emailOnlyFile() {
        BrazeTransform t = transform("first_name", "email");
        BrazeObject o = emitted(run(t, "Ann", "Ann@Example.com"));
        assertThat(o.jsonText()).isEqualTo("{\"email\":\"Ann@Example.com\",\"first_name\":\"Ann\"}");
        assertThat(o.orderingKey()).isEqualTo("m:ann@example.com");
        assertThat(o.attributeCount()).isEqualTo(1);
        assertThat(rejection(run(t, "Ann", "")).reason()).isEqualTo("no identifier: email is empty");
    }

    @Test
    void phoneOnlyFileKeepsThePhoneAString() {
        BrazeTransform t = transform("phone", "visits");
        BrazeObject o = emitted(run(t, "15551234567", "3"));
        assertThat(o.jsonText()).isEqualTo("{\"phone\":\"15551234567\",\"visits\":3}");
        assertThat(o.orderingKey()).isEqualTo("p:15551234567");
    }

    @Test
    void emailBeatsPhoneAndPhoneIsThenAnAttribute() {
        BrazeTransform t = transform("phone", "email", "x");
        BrazeObject both = emitted(run(t, "+15551234567", "a@b.co", ""));
        assertThat(both.jsonText()).isEqualTo("{\"email\":\"a@b.co\",\"phone\":\"+15551234567\"}");
        assertThat(both.attributeCount()).isEqualTo(1);
        assertThat(json(run(t, "+15551234567", "", "1"))).isEqualTo("{\"phone\":\"+15551234567\",\"x\":1}");
        assertThat(rejection(run(t, "", "", "1")).reason()).isEqualTo("no identifier: email is empty, phone is empty");
    }

    @Test
    void emailAndPhoneAreAttributesOfRowsWithAPrimaryIdentifier() {
        BrazeTransform t = transform("email", "external_id", "phone");
        BrazeObject o = emitted(run(t, "a@b.co", "u1", "null"));
        assertThat(o.jsonText()).isEqualTo("{\"external_id\":\"u1\",\"email\":\"a@b.co\",\"phone\":null}");
        assertThat(o.attributeCount()).isEqualTo(2);
        assertThat(run(t, "", "u1", "")).isEqualTo(TransformResult.skip("no attributes to update"));
    }

    @Test
    void twoPrimaryIdentifiersAreRejected() {
        BrazeTransform t = transform("external_id", "braze_id", "alias_name", "alias_label", "a");
        Rejection r = rejection(run(t, "u1", "b1", "", "", "x"));
        assertThat(r).isEqualTo(Rejection.row("more than one primary identifier: external_id and braze_id"));
        assertThat(rejection(run(t, "u1", "", "n", "l", "x")).reason())
                .isEqualTo("more than one primary identifier: external_id and alias_name/alias_label");
        assertThat(json(run(t, "", "b1", "", "", "x"))).isEqualTo("{\"braze_id\":\"b1\",\"a\":\"x\"}");
        assertThat(json(run(t, "null", "b1", " ", "", "x"))).isEqualTo("{\"braze_id\":\"b1\",\"a\":\"x\"}");
    }

    @Test
    void halfAnAliasIsRejected() {
        BrazeTransform t = transform("external_id", "alias_name", "alias_label", "a");
        Rejection r = rejection(run(t, "", "n1", "", "x"));
        assertThat(r.column()).isEqualTo("alias_label");
        assertThat(r.reason()).isEqualTo("alias_name is set but alias_label is empty: an alias needs both");
    }

    @Test
    void emptyOrNullIdentifierIsRejected() {
        BrazeTransform t = transform("external_id", "a");
        assertThat(rejection(run(t, "", "x"))).isEqualTo(Rejection.row("no identifier: external_id is empty"));
        assertThat(rejection(run(t, "  ", "x"))).isEqualTo(Rejection.row("no identifier: external_id is empty"));
        assertThat(rejection(run(t, "NULL", "x"))).isEqualTo(Rejection.row("no identifier: external_id is null"));
        BrazeTransform withEmail = transform("external_id", "email", "a");
        assertThat(rejection(run(withEmail, "", "null", "x")).reason())
                .isEqualTo("no identifier: external_id is empty, email is null");
        assertThat(json(run(withEmail, "null", "a@b.co", "x"))).isEqualTo("{\"email\":\"a@b.co\",\"a\":\"x\"}");
    }

    @Test
    void emptyStringCellsDoNotCountAsIdentifiers() {
        BrazeImportOptions o = BrazeImportOptions.defaults().withTyping(TypingOptions.defaults().withEmptyCells(EmptyCells.EMPTY_STRING));
        BrazeTransform t = BrazeTransform.create(header("external_id", "email", "a"), o);
        assertThat(json(run(t, "", "a@b.co", ""))).isEqualTo("{\"email\":\"a@b.co\",\"a\":\"\"}");
    }

    @Test
    void rowWithOnlyItsIdentifierIsSkipped() {
        assertThat(run(transform("external_id", "a", "b"), "u1", "", " ")).isEqualTo(TransformResult.skip("no attributes to update"));
        assertThat(run(transform("external_id"), "u1")).isEqualTo(TransformResult.skip("no attributes to update"));
        BrazeTransform kept = transform("external_id", "a");
        assertThat(json(run(kept, "u1", "0"))).isEqualTo("{\"external_id\":\"u1\",\"a\":0}");
    }

    // ---- attribute values --------------------------------------------------------------------

    @Test
    void nullUnsets() {
        BrazeTransform t = transform("external_id", "a", "b");
        BrazeObject o = emitted(run(t, "u1", "null", ""));
        assertThat(o.jsonText()).isEqualTo("{\"external_id\":\"u1\",\"a\":null}");
        assertThat(o.attributeCount()).isEqualTo(1);
    }

    @Test
    void stringLengthLimit() {
        BrazeTransform t = transform("external_id", "bio");
        String ok = "x".repeat(255);
        assertThat(json(run(t, "u1", ok))).isEqualTo("{\"external_id\":\"u1\",\"bio\":\"" + ok + "\"}");
        Rejection r = rejection(run(t, "u1", "x".repeat(256)));
        assertThat(r).isEqualTo(new Rejection("bio", "256 characters, Braze keeps at most 255"));
        assertThat(r.toString()).isEqualTo("column 'bio': 256 characters, Braze keeps at most 255");
        assertThat(rejection(run(t, "u1", "y".repeat(312))).reason()).isEqualTo("312 characters, Braze keeps at most 255");
        // characters are code points: 255 emoji are 510 UTF-16 units but 255 characters
        String emoji = "\uD83D\uDE00".repeat(255);
        assertThat(run(t, "u1", emoji)).isInstanceOf(TransformResult.Emit.class);
        assertThat(rejection(run(t, "u1", emoji + "\uD83D\uDE00")).reason()).startsWith("256 characters");
    }

    @Test
    void rejectionLeavesTheEncoderReadyForTheNextRow() {
        BrazeTransform t = transform("external_id", "a", "bio");
        assertThat(run(t, "u1", "1", "x".repeat(300))).isInstanceOf(TransformResult.Reject.class);
        assertThat(json(run(t, "u2", "2", "ok"))).isEqualTo("{\"external_id\":\"u2\",\"a\":2,\"bio\":\"ok\"}");
        assertThat(json(run(t, "u3", "3", "ok"))).isEqualTo("{\"external_id\":\"u3\",\"a\":3,\"bio\":\"ok\"}");
    }

    @Test
    void escapingAndUnicode() {
        BrazeTransform t = transform("external_id", "a");
        assertThat(emitted(run(t, "ü\"1", "é \"q\" \\ line1\r\nline2\t")).json())
                .isEqualTo("{\"external_id\":\"ü\\\"1\",\"a\":\"é \\\"q\\\" \\\\ line1\\r\\nline2\\t\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void arrayItemLimit() {
        BrazeTransform t = transform("external_id", "tags");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add("'t" + i + "'");
        }
        assertThat(run(t, "u1", "[" + String.join(",", items) + "]")).isInstanceOf(TransformResult.Emit.class);
        items.add("'t500'");
        assertThat(rejection(run(t, "u1", "[" + String.join(",", items) + "]")))
                .isEqualTo(new Rejection("tags", "501 items, Braze keeps at most 500"));
    }

    @Test
    void arrayOfObjectsHasNoItemLimitButKeepsTheNestedRules() {
        BrazeLimits limits = BrazeLimits.defaults().withMaxArrayItems(2);
        BrazeTransform t = BrazeTransform.create(header("external_id", "pets"), BrazeImportOptions.defaults().withLimits(limits));
        assertThat(json(run(t, "u1", "[{'n': 'a'}, {'n': 'b'}, {'n': 'c'}]")))
                .isEqualTo("{\"external_id\":\"u1\",\"pets\":[{\"n\":\"a\"},{\"n\":\"b\"},{\"n\":\"c\"}]}");
        assertThat(rejection(run(t, "u1", "[{'n': 'a'}, {'a b': 1}]")).reason())
                .isEqualTo("nested key 'a b' in [1] contains ' '; Braze does not allow '.', '$' or spaces in nested keys");
        assertThat(rejection(run(t, "u1", "[1, 2, 3]")).reason()).isEqualTo("3 items, Braze keeps at most 2");
    }

    @Test
    void arrayByteLimitAndItemStrings() {
        BrazeLimits limits = new BrazeLimits(255, 500, 11, 100, 0, 3000);
        BrazeTransform t = BrazeTransform.create(header("external_id", "tags"), BrazeImportOptions.defaults().withLimits(limits));
        assertThat(json(run(t, "u1", "['abc', 'd']"))).isEqualTo("{\"external_id\":\"u1\",\"tags\":[\"abc\",\"d\"]}");
        assertThat(rejection(run(t, "u1", "['abc', 'de']"))).isEqualTo(new Rejection("tags", "array of 12 bytes, Braze keeps at most 11"));
        BrazeTransform d = transform("external_id", "tags");
        assertThat(rejection(run(d, "u1", "['ok', '" + "x".repeat(256) + "']")).reason())
                .isEqualTo("at [1]: 256 characters, Braze keeps at most 255");
        assertThat(json(run(d, "u1", "[true, null]"))).isEqualTo("{\"external_id\":\"u1\",\"tags\":[true,null]}");
    }

    @Test
    void nestedObjects() {
        BrazeImportOptions o = BrazeImportOptions.defaults()
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("addr", ColumnType.OBJECT)));
        BrazeTransform t = BrazeTransform.create(header("external_id", "addr"), o);
        assertThat(json(run(t, "u1", "{'city': 'Oslo', 'geo': {'lat': 59.91, 'ok': True}, 'tags': ['a']}")))
                .isEqualTo("{\"external_id\":\"u1\",\"addr\":{\"city\":\"Oslo\",\"geo\":{\"lat\":59.91,\"ok\":true},\"tags\":[\"a\"]}}");
        assertThat(rejection(run(t, "u1", "{\"a.b\": 1}"))).isEqualTo(new Rejection("addr",
                "nested key 'a.b' contains '.'; Braze does not allow '.', '$' or spaces in nested keys"));
        assertThat(rejection(run(t, "u1", "{'geo': {'$lat': 1}}")).reason())
                .isEqualTo("nested key '$lat' in geo contains '$'; Braze does not allow '.', '$' or spaces in nested keys");
        assertThat(rejection(run(t, "u1", "{'geo': {'lat': None}}")).reason()).startsWith("at geo.lat: null inside a nested object");
        assertThat(rejection(run(t, "u1", "{'city': '" + "x".repeat(256) + "'}")).reason())
                .isEqualTo("at city: 256 characters, Braze keeps at most 255");
        assertThat(rejection(run(t, "u1", "{'k': ['a', None]}")).reason()).startsWith("at k[1]: null inside a nested object");
        assertThat(rejection(run(t, "u1", "{'': 1}")).reason()).isEqualTo("empty nested key");
        // an object in an AUTO column is not inferred: it is sent as the string it is
        BrazeTransform auto = transform("external_id", "addr");
        assertThat(json(run(auto, "u1", "{'a': 1}"))).isEqualTo("{\"external_id\":\"u1\",\"addr\":\"{'a': 1}\"}");
    }

    @Test
    void objectByteLimit() {
        BrazeLimits limits = new BrazeLimits(255, 500, 100, 9, 0, 3000);
        BrazeImportOptions o = BrazeImportOptions.defaults().withLimits(limits)
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("o", ColumnType.OBJECT)));
        BrazeTransform t = BrazeTransform.create(header("external_id", "o"), o);
        assertThat(json(run(t, "u1", "{\"a\": \"b\"}"))).isEqualTo("{\"external_id\":\"u1\",\"o\":{\"a\":\"b\"}}");
        assertThat(rejection(run(t, "u1", "{\"a\": \"bc\"}"))).isEqualTo(new Rejection("o", "object of 10 bytes, Braze keeps at most 9"));
    }

    @Test
    void timesAndTheirYearRange() {
        BrazeImportOptions o = BrazeImportOptions.defaults()
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("seen", ColumnType.TIME)));
        BrazeTransform t = BrazeTransform.create(header("external_id", "seen"), o);
        assertThat(json(run(t, "u1", "2024-01-02 03:04:05"))).isEqualTo("{\"external_id\":\"u1\",\"seen\":\"2024-01-02T03:04:05Z\"}");
        assertThat(json(run(t, "u1", "2024-01-02T03:04:05.250+01:00"))).isEqualTo("{\"external_id\":\"u1\",\"seen\":\"2024-01-02T02:04:05.250Z\"}");
        assertThat(json(run(t, "u1", "3000-12-31T23:59:59Z"))).isEqualTo("{\"external_id\":\"u1\",\"seen\":\"3000-12-31T23:59:59Z\"}");
        assertThat(json(run(t, "u1", "0000-01-01"))).isEqualTo("{\"external_id\":\"u1\",\"seen\":\"0000-01-01T00:00:00Z\"}");
        assertThat(rejection(run(t, "u1", "3001-01-01"))).isEqualTo(new Rejection("seen",
                "year 3001 is outside 0..3000 (Braze would store the time as a string)"));
        // dates are not inferred without the type
        assertThat(json(run(transform("external_id", "seen"), "u1", "2024-01-02")))
                .isEqualTo("{\"external_id\":\"u1\",\"seen\":\"2024-01-02\"}");
    }

    @Test
    void nestedTimesUseDollarTime() {
        BrazeTransform t = transform("external_id", "o");
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("at", new Value.Time(Instant.parse("2024-01-02T03:04:05Z")));
        Value[] values = {new Value.Str("u1"), new Value.Obj(fields)};
        BrazeObject obj = emitted(t.apply(new Record(t.header(), values, POS)));
        assertThat(obj.jsonText()).isEqualTo("{\"external_id\":\"u1\",\"o\":{\"at\":{\"$time\":\"2024-01-02T03:04:05Z\"}}}");
    }

    @Test
    void decimalsAreSentExactly() {
        BrazeImportOptions o = BrazeImportOptions.defaults()
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("f", ColumnType.FLOAT)));
        BrazeTransform t = BrazeTransform.create(header("external_id", "a", "f"), o);
        assertThat(json(run(t, "u1", "0.10", "1e5"))).isEqualTo("{\"external_id\":\"u1\",\"a\":0.10,\"f\":1E+5}");
        assertThat(json(run(t, "u1", "0.0000001", "1.5e-3"))).isEqualTo("{\"external_id\":\"u1\",\"a\":0.0000001,\"f\":0.0015}");
        assertThat(json(run(t, "u1", "-4.23", "5"))).isEqualTo("{\"external_id\":\"u1\",\"a\":-4.23,\"f\":5}");
        assertThat(json(run(t, "u1", "12345678901234567890.5", "007.50")))
                .isEqualTo("{\"external_id\":\"u1\",\"a\":12345678901234567890.5,\"f\":7.50}");
    }

    @Test
    void referenceTypingTableEndToEnd() {
        BrazeTransform t = transform("external_id", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10");
        assertThat(json(run(t, "u1", "90", "-5", "972-000-0000", "11/11/2011", "nan", "[ab-cd]", "[9.12, 1, 4]",
                "['a','b','c']", "False", "12345678901234567890")))
                .isEqualTo("{\"external_id\":\"u1\",\"c1\":90,\"c2\":-5,\"c3\":\"972-000-0000\",\"c4\":\"11/11/2011\","
                        + "\"c5\":\"nan\",\"c6\":\"[ab-cd]\",\"c7\":[9.12,1,4],\"c8\":[\"a\",\"b\",\"c\"],\"c9\":false,"
                        + "\"c10\":\"12345678901234567890\"}");
    }

    @Test
    void copyEncodesTheSame() {
        BrazeTransform t = transform("external_id", "a");
        BrazeTransform c = t.copy();
        assertThat(run(c, "u1", "x")).isEqualTo(run(t, "u1", "x"));
        assertThat(c.rowTyper()).isSameAs(t.rowTyper());
    }

    // ---- header validation -------------------------------------------------------------------

    @Test
    void headerWithoutIdentifier() {
        assertThatThrownBy(() -> transform("first_name", "age"))
                .isInstanceOf(HeaderException.class)
                .hasMessage("no identifier column: the header needs external_id, braze_id, alias_name + alias_label, "
                        + "email or phone (or choose the identifier column with --id-column)");
    }

    @Test
    void caseAndBomMistakesAreExplained() {
        assertThatThrownBy(() -> transform("External_ID", "a"))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining("column 'External_ID' looks like Braze's standard 'external_id'");
        assertThatThrownBy(() -> transform("\uFEFFexternal_id", "a"))
                .hasMessageContaining("column '\\uFEFFexternal_id' looks like Braze's standard 'external_id'");
        BrazeTransform t = transform("external_id", "First_Name", "Email");
        assertThat(t.warnings()).containsExactly(
                "column 'First_Name' looks like Braze's standard 'first_name', but Braze names are case-sensitive and exact: it will be sent as a custom attribute",
                "column 'Email' looks like Braze's standard 'email', but Braze names are case-sensitive and exact: it will be sent as a custom attribute");
        assertThat(json(run(t, "u1", "Ann", "a@b.co"))).isEqualTo("{\"external_id\":\"u1\",\"First_Name\":\"Ann\",\"Email\":\"a@b.co\"}");
        assertThat(transform("external_id", "first_name").warnings()).isEmpty();
    }

    @Test
    void aliasColumnsComeInPairs() {
        assertThatThrownBy(() -> transform("alias_name", "a"))
                .isInstanceOf(HeaderException.class)
                .hasMessage("column 'alias_name' needs a matching 'alias_label' column: Braze identifies an alias by both");
        assertThatThrownBy(() -> transform("external_id", "alias_label"))
                .hasMessage("column 'alias_label' needs a matching 'alias_name' column: Braze identifies an alias by both");
        assertThatThrownBy(() -> transform("alias_name", "alias_label", "user_alias"))
                .hasMessageStartingWith("the header gives the user alias more than one way");
    }

    @Test
    void typeOverrideOnAnIdentifierIsRefused() {
        BrazeImportOptions o = BrazeImportOptions.defaults()
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("external_id", ColumnType.INT)));
        assertThatThrownBy(() -> BrazeTransform.create(header("external_id", "a"), o))
                .isInstanceOf(HeaderException.class)
                .hasMessage("--type names column 'external_id', an identifier: identifiers are always sent as strings, so it cannot be typed int");
        BrazeImportOptions phone = BrazeImportOptions.defaults()
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("phone", ColumnType.INT)));
        assertThatThrownBy(() -> BrazeTransform.create(header("external_id", "phone"), phone)).isInstanceOf(HeaderException.class);
        BrazeImportOptions asString = BrazeImportOptions.defaults()
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("external_id", ColumnType.STRING)));
        assertThat(BrazeTransform.create(header("external_id", "a"), asString)).isNotNull();
    }

    @Test
    void typeForAMissingColumn() {
        BrazeImportOptions o = BrazeImportOptions.defaults()
                .withTyping(TypingOptions.defaults().withColumnTypes(Map.of("agee", ColumnType.INT)));
        assertThatThrownBy(() -> BrazeTransform.create(header("external_id", "age"), o))
                .isInstanceOf(HeaderException.class)
                .hasMessage("--type names column 'agee', which the header does not have");
    }

    @Test
    void badAttributeNames() {
        assertThatThrownBy(() -> transform("external_id", "$x"))
                .isInstanceOf(HeaderException.class)
                .hasMessage("column '$x': Braze attribute names cannot start with '$'");
        assertThatThrownBy(() -> transform("external_id", "n".repeat(256)))
                .hasMessage("column 2: its name has 256 characters, Braze attribute names have at most 255");
        assertThat(transform("external_id", "n".repeat(255))).isNotNull();
        assertThatThrownBy(() -> transform("external_id", "_update_existing_only"))
                .hasMessageContaining("use the update-existing-only option");
    }

    @Test
    void idColumnMistakes() {
        assertThatThrownBy(() -> BrazeTransform.create(header("a", "b"), BrazeImportOptions.defaults().withIdColumn("c")))
                .isInstanceOf(HeaderException.class)
                .hasMessage("--id-column names 'c', which the header does not have (columns: a,b)");
        assertThatThrownBy(() -> BrazeTransform.create(header("external_id", "b"), BrazeImportOptions.defaults().withIdColumn("b")))
                .hasMessageStartingWith("--id-column names 'b' but the header also has an 'external_id' column");
        assertThatThrownBy(() -> BrazeTransform.create(header("braze_id", "b"), BrazeImportOptions.defaults().withIdColumn("braze_id")))
                .hasMessageStartingWith("--id-column cannot name 'braze_id'");
    }

    @Test
    void optionsDefaults() {
        BrazeImportOptions d = BrazeImportOptions.defaults();
        assertThat(d.idColumn()).isNull();
        assertThat(d.updateExistingOnly()).isFalse();
        assertThat(d.typing()).isEqualTo(TypingOptions.defaults());
        assertThat(d.limits()).isEqualTo(new BrazeLimits(255, 500, 102_400, 102_400, 0, 3000));
        assertThat(d.withIdColumn(" ").idColumn()).isNull();
        assertThatThrownBy(() -> new BrazeLimits(255, 500, 100, 100, 10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
