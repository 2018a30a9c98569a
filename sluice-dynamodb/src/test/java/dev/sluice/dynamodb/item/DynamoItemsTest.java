package dev.sluice.dynamodb.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.engine.PreparedTransform;
import dev.sluice.core.engine.Rejection;
import dev.sluice.core.engine.TransformResult;
import dev.sluice.core.record.Header;
import dev.sluice.core.record.HeaderException;
import dev.sluice.core.record.Position;
import dev.sluice.core.record.Record;
import dev.sluice.core.record.Value;
import dev.sluice.core.typing.TypingException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoItemsTest {

    static final KeySchema CUSTOMER = key("customer_id", ScalarAttributeType.S, null, null);
    static final KeySchema PK_SK_N = key("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    static final KeySchema PK_SK_S = key("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
    static final String ACP_HEADER = "customer_id,name,age,date_of_birth,favourite_colour";

    static KeySchema key(String p, ScalarAttributeType pt, String s, ScalarAttributeType st) {
        return new KeySchema(new KeySchema.KeyAttribute(p, pt), s == null ? null : new KeySchema.KeyAttribute(s, st));
    }

    static PreparedTransform<DynamoItem> prepare(String header, KeySchema key, DynamoItemOptions options) {
        return DynamoItems.prepare(Header.of(List.of(header.split(",", -1))), key, options);
    }

    static TransformResult<DynamoItem> apply(PreparedTransform<DynamoItem> p, String... cells) {
        try {
            Record r = p.typer().type(cells, new Position(2, 10, 20));
            return p.transform().apply(r);
        } catch (TypingException e) {
            throw new AssertionError("the typer must not refuse a cell", e);
        }
    }

    static DynamoItem item(PreparedTransform<DynamoItem> p, String... cells) {
        TransformResult<DynamoItem> r = apply(p, cells);
        assertThat(r).isInstanceOf(TransformResult.Emit.class);
        return ((TransformResult.Emit<DynamoItem>) r).item();
    }

    static Rejection rejection(PreparedTransform<DynamoItem> p, String... cells) {
        TransformResult<DynamoItem> r = apply(p, cells);
        assertThat(r).isInstanceOf(TransformResult.Reject.class);
        return ((TransformResult.Reject<DynamoItem>) r).rejection();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    // ---- compatibility and typing -------------------------------------------------------------

    @Test
    void acpGoodSampleIsAllStringsByDefaultAndAgeIsANumberWhenTyped() {
        String[] row = {"123456", "John Smith", "34", "17-04-1987", "blue"};
        DynamoItem plain = item(prepare(ACP_HEADER, CUSTOMER, DynamoItemOptions.defaults()), row);
        assertThat(plain.attributes()).containsOnly(Map.entry("customer_id", s("123456")), Map.entry("name", s("John Smith")),
                Map.entry("age", s("34")), Map.entry("date_of_birth", s("17-04-1987")), Map.entry("favourite_colour", s("blue")));
        assertThat(plain.key()).containsOnly(Map.entry("customer_id", s("123456")));

        DynamoItem typed = item(prepare(ACP_HEADER, CUSTOMER,
                DynamoItemOptions.defaults().withTypes(Map.of("age", DynamoType.N))), row);
        assertThat(typed.attributes().get("age")).isEqualTo(n("34"));
        assertThat(typed.attributes().get("date_of_birth")).isEqualTo(s("17-04-1987"));
    }

    @Test
    void theTyperKeepsEveryCellAsTheStringRead() throws TypingException {
        PreparedTransform<DynamoItem> p = prepare("id,a,b,c,d", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withInfer(true));
        Record r = p.typer().type(new String[] {"1", "34", "null", "  ", " x "}, new Position(1, 0, 1));
        assertThat(r.values()).containsExactly(new Value.Str("1"), new Value.Str("34"), new Value.Str("null"),
                new Value.Str(""), new Value.Str(" x "));
        DynamoItem item = p.transform().apply(r) instanceof TransformResult.Emit<DynamoItem> e ? e.item() : null;
        assertThat(item).isNotNull();
        assertThat(item.attributes()).containsOnly(Map.entry("id", s("1")), Map.entry("a", n("34")),
                Map.entry("b", s("null")), Map.entry("d", s(" x ")));
    }

    @Test
    void everyExplicitType() {
        String header = "id,s,n,bool,nul,b,json,ss,ns,bs";
        Map<String, DynamoType> types = Map.of("s", DynamoType.S, "n", DynamoType.N, "bool", DynamoType.BOOL,
                "nul", DynamoType.NULL, "b", DynamoType.B, "json", DynamoType.JSON, "ss", DynamoType.SS,
                "ns", DynamoType.NS, "bs", DynamoType.BS);
        PreparedTransform<DynamoItem> p = prepare(header, key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(types));
        String aGVsbG8 = Base64.getEncoder().encodeToString("hello".getBytes());
        DynamoItem item = item(p, "k", " 007 ", "-1.50e3", " Yes ", "anything", aGVsbG8, "[1, {\"a\": \"b\"}]",
                "x|y", "3|2", "AQ==|Ag==");
        Map<String, AttributeValue> a = item.attributes();
        assertThat(a.get("s")).isEqualTo(s(" 007 "));
        assertThat(a.get("n")).isEqualTo(n("-1.50e3"));
        assertThat(a.get("bool")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(a.get("nul")).isEqualTo(AttributeValue.fromNul(true));
        assertThat(a.get("b")).isEqualTo(AttributeValue.fromB(SdkBytes.fromUtf8String("hello")));
        assertThat(a.get("json")).isEqualTo(AttributeValue.fromL(List.of(n("1"), AttributeValue.fromM(Map.of("a", s("b"))))));
        assertThat(a.get("ss").ss()).containsExactly("x", "y");
        assertThat(a.get("ns").ns()).containsExactly("3", "2");
        assertThat(a.get("bs").bs()).containsExactly(SdkBytes.fromByteArray(new byte[] {1}),
                SdkBytes.fromByteArray(new byte[] {2}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e5", "+5", "1.", "-.5", "00012.3400", "007", "0", "-0", "9.9999999999999999999999999999999999999E+125",
            "1E-130", "12345678901234567890123456789012345678"})
    void numbersDynamoDbAcceptsAreSentAsGiven(String value) {
        PreparedTransform<DynamoItem> p = prepare("id,v", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("v", DynamoType.N)));
        assertThat(item(p, "k", value).attributes().get("v")).isEqualTo(n(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 5", "5 ", "1,000", "0x10", "NaN", "Infinity", "abc", "123456789012345678901234567890123456789",
            "1E+126", "1E-131"})
    void numbersDynamoDbRefusesRejectTheRowNamingTheColumn(String value) {
        PreparedTransform<DynamoItem> p = prepare("id,amount", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("amount", DynamoType.N)));
        Rejection r = rejection(p, "k", value);
        assertThat(r.column()).isEqualTo("amount");
        assertThat(r.reason()).contains("'" + value + "'");
    }

    @Test
    void booleansBinaryAndNull() {
        PreparedTransform<DynamoItem> p = prepare("id,f,b", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("f", DynamoType.BOOL, "b", DynamoType.B)));
        for (String t : List.of("true", "TRUE", "1", "yes", "Yes")) {
            assertThat(item(p, "k", t, "").attributes().get("f")).isEqualTo(AttributeValue.fromBool(true));
        }
        for (String f : List.of("false", "False", "0", "no", " NO ")) {
            assertThat(item(p, "k", f, "").attributes().get("f")).isEqualTo(AttributeValue.fromBool(false));
        }
        Rejection notBool = rejection(p, "k", "maybe", "");
        assertThat(notBool.column()).isEqualTo("f");
        assertThat(notBool.reason()).contains("'maybe'", "true/false");

        assertThat(item(p, "k", "", "_-8=").attributes().get("b").b().asByteArray())
                .containsExactly(0xff, 0xef);
        Rejection notBase64 = rejection(p, "k", "", "not base64!");
        assertThat(notBase64.column()).isEqualTo("b");
        assertThat(notBase64.reason()).contains("not base64");
    }

    @Test
    void inferenceIsConservative() {
        PreparedTransform<DynamoItem> p = prepare("id,v", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withInfer(true));
        Map<String, AttributeValue> expected = Map.ofEntries(
                Map.entry("34", n("34")), Map.entry("-2.50", n("-2.50")), Map.entry("0", n("0")), Map.entry("0.5", n("0.5")),
                Map.entry("12345678901234567890123456789012345678", n("12345678901234567890123456789012345678")),
                Map.entry("true", AttributeValue.fromBool(true)), Map.entry("FALSE", AttributeValue.fromBool(false)),
                Map.entry("02134", s("02134")), Map.entry("007", s("007")), Map.entry("1e5", s("1e5")), Map.entry("+5", s("+5")),
                Map.entry("1.", s("1.")), Map.entry(".5", s(".5")), Map.entry("yes", s("yes")), Map.entry("1", n("1")),
                Map.entry("123456789012345678901234567890123456789", s("123456789012345678901234567890123456789")),
                Map.entry("{\"a\":1}", s("{\"a\":1}")), Map.entry("[1,2]", s("[1,2]")), Map.entry("a|b", s("a|b")),
                Map.entry("null", s("null")), Map.entry("NaN", s("NaN")), Map.entry("1,000", s("1,000")));
        expected.forEach((cell, value) -> assertThat(item(p, "k", cell).attributes().get("v")).as(cell).isEqualTo(value));

        // without --infer everything unmapped is S
        PreparedTransform<DynamoItem> plain = prepare("id,v", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults());
        assertThat(item(plain, "k", "34").attributes().get("v")).isEqualTo(s("34"));
        assertThat(item(plain, "k", "true").attributes().get("v")).isEqualTo(s("true"));
    }

    @Test
    void explicitTypesWinOverInference() {
        PreparedTransform<DynamoItem> p = prepare("id,zip,age", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withInfer(true).withTypes(Map.of("zip", DynamoType.S)));
        DynamoItem item = item(p, "k", "12345", "34");
        assertThat(item.attributes().get("zip")).isEqualTo(s("12345"));
        assertThat(item.attributes().get("age")).isEqualTo(n("34"));
    }

    // ---- empty cells ---------------------------------------------------------------------------

    @Test
    void emptyCellsFollowThePolicy() {
        String header = "id,name,age,tags";
        KeySchema k = key("id", ScalarAttributeType.S, null, null);
        Map<String, DynamoType> types = Map.of("age", DynamoType.N, "tags", DynamoType.SS);

        DynamoItem omit = item(prepare(header, k, DynamoItemOptions.defaults().withTypes(types)), "k", "", "  ", "");
        assertThat(omit.attributes()).containsOnlyKeys("id");

        DynamoItem emptyString = item(prepare(header, k, DynamoItemOptions.defaults().withTypes(types)
                .withEmpty(EmptyPolicy.EMPTY_STRING)), "k", "", " ", "|");
        assertThat(emptyString.attributes()).containsOnly(Map.entry("id", s("k")), Map.entry("name", s("")),
                Map.entry("age", s(""))); // a set is never empty: left out

        DynamoItem nulls = item(prepare(header, k, DynamoItemOptions.defaults().withTypes(types)
                .withEmpty(EmptyPolicy.NULL)), "k", "", "", "");
        AttributeValue nul = AttributeValue.fromNul(true);
        assertThat(nulls.attributes()).containsOnly(Map.entry("id", s("k")), Map.entry("name", nul),
                Map.entry("age", nul), Map.entry("tags", nul));

        PreparedTransform<DynamoItem> error = prepare(header, k, DynamoItemOptions.defaults().withTypes(types)
                .withEmpty(EmptyPolicy.ERROR));
        Rejection r = rejection(error, "k", "Ann", "", "a");
        assertThat(r.column()).isEqualTo("age");
        assertThat(r.reason()).contains("empty");
        assertThat(item(error, "k", "Ann", "3", "a").attributes()).containsOnlyKeys("id", "name", "age", "tags");
    }

    @Test
    void aMissingCellCountsAsEmpty() {
        PreparedTransform<DynamoItem> p = prepare("id,name", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withEmpty(EmptyPolicy.NULL));
        assertThat(item(p, "k", null).attributes().get("name")).isEqualTo(AttributeValue.fromNul(true));
    }

    // ---- keys ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void anEmptyKeyIsAlwaysARejection(String empty) {
        for (EmptyPolicy policy : EmptyPolicy.values()) {
            PreparedTransform<DynamoItem> p = prepare(ACP_HEADER, CUSTOMER, DynamoItemOptions.defaults().withEmpty(policy));
            Rejection r = rejection(p, empty, "John", "34", "17-04-1987", "blue");
            assertThat(r.column()).isEqualTo("customer_id");
            assertThat(r.reason()).isEqualTo("key attribute 'customer_id' is empty");
        }
    }

    @Test
    void keyValuesAreSentExactlyAsRead() {
        PreparedTransform<DynamoItem> p = prepare(ACP_HEADER, CUSTOMER, DynamoItemOptions.defaults());
        assertThat(item(p, " 0042 ", "", "", "", "").key()).containsOnly(Map.entry("customer_id", s(" 0042 ")));
    }

    @Test
    void partitionKeysUpTo2048BytesAndSortKeysUpTo1024() {
        PreparedTransform<DynamoItem> p = prepare("pk,sk", PK_SK_S, DynamoItemOptions.defaults());
        assertThat(apply(p, "a".repeat(2048), "b".repeat(1024))).isInstanceOf(TransformResult.Emit.class);
        assertThat(apply(p, "é".repeat(1024), "é".repeat(512))).isInstanceOf(TransformResult.Emit.class);

        Rejection longPartition = rejection(p, "a".repeat(2049), "b");
        assertThat(longPartition.column()).isEqualTo("pk");
        assertThat(longPartition.reason()).isEqualTo("key attribute 'pk' is 2049 bytes, DynamoDB's limit for a partition"
                + " key is 2,048 bytes");
        assertThat(rejection(p, "é".repeat(1025), "b").reason()).contains("2050 bytes");

        Rejection longSort = rejection(p, "a", "b".repeat(1025));
        assertThat(longSort.column()).isEqualTo("sk");
        assertThat(longSort.reason()).contains("1025 bytes", "sort key is 1,024 bytes");
    }

    @Test
    void binaryKeysCountDecodedBytes() {
        PreparedTransform<DynamoItem> p = prepare("id", key("id", ScalarAttributeType.B, null, null), DynamoItemOptions.defaults());
        String b2048 = Base64.getEncoder().encodeToString(new byte[2048]);
        String b2049 = Base64.getEncoder().encodeToString(new byte[2049]);
        DynamoItem ok = item(p, b2048);
        assertThat(ok.key().get("id").b().asByteArray()).hasSize(2048);
        assertThat(rejection(p, b2049).reason()).contains("2049 bytes");
        assertThat(rejection(p, "%%%").reason()).contains("not base64");
    }

    @Test
    void numberKeysMustBeNumbers() {
        PreparedTransform<DynamoItem> p = prepare("pk,sk,note", PK_SK_N, DynamoItemOptions.defaults());
        DynamoItem ok = item(p, "a", "20240102", "x");
        assertThat(ok.key()).containsOnly(Map.entry("pk", s("a")), Map.entry("sk", n("20240102")));
        Rejection r = rejection(p, "a", "2024-01-02", "x");
        assertThat(r.column()).isEqualTo("sk");
        assertThat(r.reason()).contains("key attribute 'sk'", "'2024-01-02'", "not a number");
        assertThat(rejection(p, "a", "1E+126", "x").reason()).contains("largest");
    }

    @Test
    void orderingKeysMatchExactlyWhenRowsWriteTheSameItem() {
        PreparedTransform<DynamoItem> hash = prepare(ACP_HEADER, CUSTOMER, DynamoItemOptions.defaults());
        assertThat(item(hash, "123", "", "", "", "").orderingKey()).isEqualTo("S:123");

        PreparedTransform<DynamoItem> p = prepare("pk,sk", PK_SK_N, DynamoItemOptions.defaults());
        String k1 = item(p, "a", "1").orderingKey();
        assertThat(item(p, "a", "1.0").orderingKey()).isEqualTo(k1);
        assertThat(item(p, "a", "001e0").orderingKey()).isEqualTo(k1);
        assertThat(item(p, "a", "10").orderingKey()).isNotEqualTo(k1);
        assertThat(item(p, "A", "1").orderingKey()).isNotEqualTo(k1);

        PreparedTransform<DynamoItem> ss = prepare("pk,sk", PK_SK_S, DynamoItemOptions.defaults());
        assertThat(item(ss, "a\u0000", "b").orderingKey()).isNotEqualTo(item(ss, "a", "\u0000b").orderingKey());
        assertThat(item(ss, "ab", "c").orderingKey()).isNotEqualTo(item(ss, "a", "bc").orderingKey());
    }

    // ---- key templates -------------------------------------------------------------------------

    @Test
    void keyTemplatesBuildCompositeKeys() {
        KeySchema k = key("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        DynamoItemOptions o = DynamoItemOptions.defaults()
                .withKeyTemplate(KeyTemplate.parse("pk=CUST#{customer_id}"))
                .withKeyTemplate(KeyTemplate.parse("sk={order_date}#{order_id}"));
        PreparedTransform<DynamoItem> p = prepare("customer_id,order_id,order_date,total", k, o);
        DynamoItem item = item(p, "123", "A7", "2024-01-02", "9.99");
        assertThat(item.key()).containsOnly(Map.entry("pk", s("CUST#123")), Map.entry("sk", s("2024-01-02#A7")));
        assertThat(item.attributes()).containsOnly(Map.entry("pk", s("CUST#123")), Map.entry("sk", s("2024-01-02#A7")),
                Map.entry("customer_id", s("123")), Map.entry("order_id", s("A7")),
                Map.entry("order_date", s("2024-01-02")), Map.entry("total", s("9.99")));

        Rejection r = rejection(p, "123", " ", "2024-01-02", "1");
        assertThat(r.column()).isEqualTo("order_id");
        assertThat(r.reason()).isEqualTo("key attribute 'sk' is built from column 'order_id', which is empty");

        // the rendered key obeys the key's size limit
        Rejection tooLong = rejection(p, "1".repeat(2044), "A", "d", "1");
        assertThat(tooLong.column()).isNull();
        assertThat(tooLong.reason()).contains("key attribute 'pk' is 2049 bytes");
    }

    @Test
    void numberKeyTemplatesMustRenderANumber() {
        DynamoItemOptions o = DynamoItemOptions.defaults().withKeyTemplate(KeyTemplate.parse("pk=CUST#{customer_id}"))
                .withKeyTemplate(KeyTemplate.parse("sk={year}{seq}"));
        PreparedTransform<DynamoItem> p = prepare("customer_id,year,seq", PK_SK_N, o);
        assertThat(item(p, "123", "2024", "0007").key()).containsOnly(Map.entry("pk", s("CUST#123")),
                Map.entry("sk", n("20240007")));
        Rejection r = rejection(p, "123", "2024", "x");
        assertThat(r.column()).isNull();
        assertThat(r.reason()).contains("key attribute 'sk'", "'2024x'");
    }

    @Test
    void aConstantSortTemplateIsFine() {
        DynamoItemOptions o = DynamoItemOptions.defaults().withKeyTemplate(KeyTemplate.parse("pk=USER#{id}"))
                .withKeyTemplate(KeyTemplate.parse("sk=PROFILE"));
        DynamoItem item = item(prepare("id,name", PK_SK_S, o), "9", "Ann");
        assertThat(item.key()).containsOnly(Map.entry("pk", s("USER#9")), Map.entry("sk", s("PROFILE")));
    }

    // ---- sets and JSON -------------------------------------------------------------------------

    @Test
    void setsAreTrimmedDeduplicatedAndNeverEmpty() {
        PreparedTransform<DynamoItem> p = prepare("id,ss,ns,bs", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("ss", DynamoType.SS, "ns", DynamoType.NS, "bs", DynamoType.BS)));
        DynamoItem item = item(p, "k", "a|a|b", " 1 | 1.0 |2|| 02 ", "AQ==|AQ|Ag==");
        assertThat(item.attributes().get("ss").ss()).containsExactly("a", "b");
        assertThat(item.attributes().get("ns").ns()).containsExactly("1", "2");
        assertThat(item.attributes().get("bs").bs()).containsExactly(SdkBytes.fromByteArray(new byte[] {1}),
                SdkBytes.fromByteArray(new byte[] {2}));

        DynamoItem empty = item(p, "k", "", " | ", "|");
        assertThat(empty.attributes()).containsOnlyKeys("id");

        Rejection badMember = rejection(p, "k", "a", "1|x", "");
        assertThat(badMember.column()).isEqualTo("ns");
        assertThat(badMember.reason()).contains("set member 'x'");
        assertThat(rejection(p, "k", "a", "", "AQ==|!!").reason()).contains("set member '!!'", "base64");
    }

    @Test
    void theSetDelimiterIsConfigurable() {
        PreparedTransform<DynamoItem> p = prepare("id,ss", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("ss", DynamoType.SS)).withSetDelimiter(';'));
        assertThat(item(p, "k", "a|b;c").attributes().get("ss").ss()).containsExactly("a|b", "c");
    }

    @Test
    void jsonBecomesNestedMapsAndLists() {
        PreparedTransform<DynamoItem> p = prepare("id,doc", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("doc", DynamoType.JSON)));
        DynamoItem item = item(p, "k", "{\"k\":[1,\"x\",true,null], \"n\": {\"f\": -1.5e3, \"e\": \"\", \"l\": []}}");
        AttributeValue expected = AttributeValue.fromM(Map.of(
                "k", AttributeValue.fromL(List.of(n("1"), s("x"), AttributeValue.fromBool(true), AttributeValue.fromNul(true))),
                "n", AttributeValue.fromM(Map.of("f", n("-1.5e3"), "e", s(""), "l", AttributeValue.fromL(List.of())))));
        assertThat(item.attributes().get("doc")).isEqualTo(expected);
        assertThat(item(p, "k", "[[1,2],[\"a\"]]").attributes().get("doc").l()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{a:1}", "[1,2", "{\"a\":1}}", "{\"a\":1} x", "'x'", "42", "\"text\"", "true",
            "{\"a\":1,\"a\":2}", "{\"\":1}", "[1e400]", "[NaN]", "{\"a\":01}"})
    void invalidJsonRejectsTheRow(String json) {
        PreparedTransform<DynamoItem> p = prepare("id,doc", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("doc", DynamoType.JSON)));
        Rejection r = rejection(p, "k", json);
        assertThat(r.column()).isEqualTo("doc");
        assertThat(r.reason()).isNotBlank();
    }

    @Test
    void jsonNestsAtMost31Levels() {
        PreparedTransform<DynamoItem> p = prepare("id,doc", key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("doc", DynamoType.JSON)));
        assertThat(apply(p, "k", "[".repeat(31) + "1" + "]".repeat(31))).isInstanceOf(TransformResult.Emit.class);
        assertThat(rejection(p, "k", "[".repeat(32) + "1" + "]".repeat(32)).reason()).contains("31 levels");
    }

    // ---- sizes ---------------------------------------------------------------------------------

    @Test
    void sizeCountsNamesAndValuesTheWayDynamoDbDoes() {
        String header = "id,name,age,ok,gone,doc,tags,neg";
        PreparedTransform<DynamoItem> p = prepare(header, key("id", ScalarAttributeType.S, null, null),
                DynamoItemOptions.defaults().withTypes(Map.of("age", DynamoType.N, "ok", DynamoType.BOOL,
                        "gone", DynamoType.NULL, "doc", DynamoType.JSON, "tags", DynamoType.SS, "neg", DynamoType.N)));
        DynamoItem item = item(p, "k1", "Zoë", "34", "true", "x", "{\"a\":[1,\"bc\"]}", "x|yz|x", "-7");
        int expected = (2 + 2)          // id: "k1"
                + (4 + 4)               // name: "Zoë" is 4 UTF-8 bytes
                + (3 + 2)               // age: 34 = 1 base-100 digit + 1
                + (2 + 1)               // ok
                + (4 + 1)               // gone
                + (3 + 3 + (1 + 1) + (3 + (1 + 2) + (1 + 2)))  // doc: M{a: L[N 1, S bc]}
                + (4 + 1 + 2)           // tags: x, yz
                + (3 + 3);              // neg: -7 = 1 digit + 1 + sign
        assertThat(item.sizeBytes()).isEqualTo(expected);
    }

    @Test
    void itemsUpTo400KbAreAcceptedAndLargerOnesRejected() {
        PreparedTransform<DynamoItem> p = prepare("customer_id,data", CUSTOMER, DynamoItemOptions.defaults());
        int fixed = "customer_id".length() + 1 + "data".length();
        DynamoItem atLimit = item(p, "1", "x".repeat(409_600 - fixed));
        assertThat(atLimit.sizeBytes()).isEqualTo(409_600);

        Rejection over = rejection(p, "1", "x".repeat(409_601 - fixed));
        assertThat(over.column()).isNull();
        assertThat(over.reason()).startsWith("item is 409601 bytes, DynamoDB's limit is 400 KB");
        assertThat(rejection(p, "1", "é".repeat(204_800)).reason()).startsWith("item is 409616 bytes");
    }

    // ---- names ---------------------------------------------------------------------------------

    @Test
    void attributeNamesAreTheHeaderNamesExactly() {
        PreparedTransform<DynamoItem> p = prepare("id,first name,address.city,#x,:y,status, padded ",
                key("id", ScalarAttributeType.S, null, null), DynamoItemOptions.defaults());
        assertThat(item(p, "k", "a", "b", "c", "d", "e", "f").attributes())
                .containsOnlyKeys("id", "first name", "address.city", "#x", ":y", "status", " padded ");
    }

    // ---- header errors -------------------------------------------------------------------------

    @Test
    void aHeaderWithoutTheKeyColumnFailsTheFile() {
        // the [ACP] bad sample: the good sample's columns without customer_id
        assertThatThrownBy(() -> prepare("name,age,date_of_birth,favourite_colour", CUSTOMER, DynamoItemOptions.defaults()))
                .isInstanceOf(HeaderException.class)
                .hasMessageContaining("no column 'customer_id'")
                .hasMessageContaining("partition key")
                .hasMessageContaining("name,age,date_of_birth,favourite_colour");
        assertThatThrownBy(() -> prepare("pk,note", PK_SK_N, DynamoItemOptions.defaults()))
                .isInstanceOf(HeaderException.class).hasMessageContaining("no column 'sk'").hasMessageContaining("sort key");
    }

    @Test
    void badOptionsForTheHeaderFailTheFile() {
        DynamoItemOptions d = DynamoItemOptions.defaults();
        assertThatThrownBy(() -> prepare(ACP_HEADER, CUSTOMER, d.withTypes(Map.of("agee", DynamoType.N))))
                .isInstanceOf(HeaderException.class).hasMessageContaining("--type names column 'agee'");
        assertThatThrownBy(() -> prepare("name", CUSTOMER, d.withKeyTemplate(KeyTemplate.parse("customer_id=C#{id}"))))
                .isInstanceOf(HeaderException.class).hasMessageContaining("uses column 'id'");
        assertThatThrownBy(() -> prepare(ACP_HEADER, CUSTOMER, d.withTypes(Map.of("customer_id", DynamoType.SS))))
                .isInstanceOf(HeaderException.class).hasMessageContaining("customer_id=SS")
                .hasMessageContaining("partition key, of type S");
        assertThatThrownBy(() -> prepare("pk,sk", PK_SK_N, d.withTypes(Map.of("sk", DynamoType.S))))
                .isInstanceOf(HeaderException.class).hasMessageContaining("sort key, of type N");
        assertThatThrownBy(() -> prepare(ACP_HEADER, CUSTOMER, d.withKeyTemplate(KeyTemplate.parse("sk={name}"))))
                .isInstanceOf(HeaderException.class).hasMessageContaining("'sk', which is not a key attribute");
        assertThatThrownBy(() -> prepare(ACP_HEADER, CUSTOMER, d.withKeyTemplate(KeyTemplate.parse("customer_id=C#{name}"))))
                .isInstanceOf(HeaderException.class).hasMessageContaining("both from column 'customer_id'");
        assertThatThrownBy(() -> prepare("name", PK_SK_S, d.withKeyTemplate(KeyTemplate.parse("pk=A"))
                .withKeyTemplate(KeyTemplate.parse("sk=B"))))
                .isInstanceOf(HeaderException.class).hasMessageContaining("same item");
        // a matching type on a key column is fine
        assertThat(prepare("pk,sk", PK_SK_N, d.withTypes(Map.of("sk", DynamoType.N, "pk", DynamoType.S)))).isNotNull();
    }

    @Test
    void theTransformFactoryPreparesPerHeader() {
        var factory = DynamoItems.transforms(CUSTOMER, DynamoItemOptions.defaults());
        assertThat(factory.prepare(Header.of(List.of(ACP_HEADER.split(","))))).isNotNull();
        assertThatThrownBy(() -> factory.prepare(Header.of(List.of("name")))).isInstanceOf(HeaderException.class);
    }
}
