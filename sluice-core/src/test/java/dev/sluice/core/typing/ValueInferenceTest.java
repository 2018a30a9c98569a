package dev.sluice.core.typing;

import dev.sluice.core.record.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValueInferenceTest {

    private static Value infer(String cell) {
        return ValueInference.infer(cell, "null");
    }

    private static Value.Str str(String s) {
        return new Value.Str(s);
    }

    private static Value.Int i(long v) {
        return new Value.Int(v);
    }

    private static Value.Dec dec(String s) {
        return new Value.Dec(new BigDecimal(s));
    }

    @Test
    void integersFromTheReferenceTable() {
        assertThat(infer("90")).isEqualTo(i(90));
        assertThat(infer("0")).isEqualTo(i(0));
        assertThat(infer("-5")).isEqualTo(i(-5));
        assertThat(infer("42")).isEqualTo(i(42));
        assertThat(infer(" 42 ")).isEqualTo(i(42));
        assertThat(infer("-0")).isEqualTo(i(0));
    }

    @Test
    void integersAtTheInt64Bounds() {
        assertThat(infer("9223372036854775807")).isEqualTo(i(Long.MAX_VALUE));
        assertThat(infer("-9223372036854775808")).isEqualTo(i(Long.MIN_VALUE));
        assertThat(infer("9223372036854775808")).isEqualTo(str("9223372036854775808"));
        assertThat(infer("-9223372036854775809")).isEqualTo(str("-9223372036854775809"));
        assertThat(infer("12345678901234567890")).isEqualTo(str("12345678901234567890"));
        // a phone number fits int64, so it is a number in an AUTO column (identifier columns are string columns)
        assertThat(infer("15551234567")).isEqualTo(i(15551234567L));
    }

    @Test
    void decimalsAreExact() {
        assertThat(infer("0.98")).isEqualTo(dec("0.98"));
        assertThat(infer("-4.23")).isEqualTo(dec("-4.23"));
        assertThat(infer("0.5")).isEqualTo(dec("0.5"));
        assertThat(infer(".5")).isEqualTo(dec("0.5"));
        assertThat(infer("-.5")).isEqualTo(dec("-0.5"));
        assertThat(((Value.Dec) infer("0.10")).value().toPlainString()).isEqualTo("0.10");
        assertThat(((Value.Dec) infer("12345678901234567890.123456789")).value())
                .isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"972-000-0000", "11/11/2011", "0123", "0042", "00", "02134", "-05", "007.5", "00.5",
            "5.", "+5", "1e5", "1E5", "1,000", "nan", "NaN", "Infinity", "-Infinity", "-", ".", "-.", "1-2", "1.2.3",
            "--5", "[ab-cd]", "[ex", "<lol", "str[he%l@@]", "yes", "no", "1x", "0x1F", "{'a':1}", "{\"a\": 1}",
            "2024-01-02T03:04:05Z", "2024-01-02", "t", "tru", "falsey", "[", "]", "[1 2]", "['a' 'b']",
            "[007]", "[1_000]", "[true, None]", "['''a''']", "[(1, 2)]", "[b'x']", "[0x1F]", "[nan]", "[1,,2]",
            "['\\N{DASH}']", "['line\nbreak']"})
    void staysTheOriginalString(String cell) {
        assertThat(infer(cell)).isEqualTo(str(cell));
    }

    @Test
    void unrecognisedCellsKeepTheirBlanks() {
        assertThat(infer(" padded ")).isEqualTo(str(" padded "));
        assertThat(infer("  ")).isEqualTo(str("  "));
        assertThat(infer("")).isEqualTo(str(""));
    }

    @Test
    void booleansInAnyCase() {
        assertThat(infer("True")).isEqualTo(Value.Bool.TRUE);
        assertThat(infer("TRUE")).isEqualTo(Value.Bool.TRUE);
        assertThat(infer("true")).isEqualTo(Value.Bool.TRUE);
        assertThat(infer("false")).isEqualTo(Value.Bool.FALSE);
        assertThat(infer(" FaLsE ")).isEqualTo(Value.Bool.FALSE);
        assertThat(infer("1")).isEqualTo(i(1));
    }

    @Test
    void nullToken() {
        assertThat(infer("null")).isEqualTo(Value.Null.INSTANCE);
        assertThat(infer("NULL")).isEqualTo(Value.Null.INSTANCE);
        assertThat(infer(" Null ")).isEqualTo(Value.Null.INSTANCE);
        assertThat(infer("nullable")).isEqualTo(str("nullable"));
        assertThat(ValueInference.infer("null", null)).isEqualTo(str("null"));
        assertThat(ValueInference.infer("N/A", "n/a")).isEqualTo(Value.Null.INSTANCE);
        assertThat(ValueInference.infer("0", "0")).isEqualTo(Value.Null.INSTANCE);
    }

    @Test
    void arraysFromTheReferenceTests() {
        assertThat(infer("[9.12, 1, 4]")).isEqualTo(new Value.Array(List.of(dec("9.12"), i(1), i(4))));
        assertThat(infer("['a','b','c']")).isEqualTo(new Value.Array(List.of(str("a"), str("b"), str("c"))));
        assertThat(infer("['value1', 'value2']")).isEqualTo(new Value.Array(List.of(str("value1"), str("value2"))));
        assertThat(infer("['A', 'b']")).isEqualTo(new Value.Array(List.of(str("A"), str("b"))));
        assertThat(infer("[]")).isEqualTo(new Value.Array(List.of()));
        assertThat(infer(" [ ] ")).isEqualTo(new Value.Array(List.of()));
        assertThat(infer("[\"x\"]")).isEqualTo(new Value.Array(List.of(str("x"))));
    }

    @Test
    void jsonLiteralsInArrays() {
        assertThat(infer("[true, null]")).isEqualTo(new Value.Array(List.of(Value.Bool.TRUE, Value.Null.INSTANCE)));
        assertThat(infer("[True, False, None]"))
                .isEqualTo(new Value.Array(List.of(Value.Bool.TRUE, Value.Bool.FALSE, Value.Null.INSTANCE)));
        assertThat(infer("[1, 2.5, -3, 1e5, 12345678901234567890]")).isEqualTo(new Value.Array(List.of(
                i(1), dec("2.5"), i(-3), dec("1e5"), dec("12345678901234567890"))));
    }

    @Test
    void quotedArrayElementsStayStrings() {
        assertThat(infer("[\"1\", \"0042\", \"true\", \"null\"]"))
                .isEqualTo(new Value.Array(List.of(str("1"), str("0042"), str("true"), str("null"))));
    }

    @Test
    void arraysOfObjectsAndNestedLists() {
        assertThat(infer("[{'k': 1}]")).isEqualTo(new Value.Array(List.of(new Value.Obj(Map.of("k", i(1))))));
        assertThat(infer("[{\"k\": \"v\"}]")).isEqualTo(new Value.Array(List.of(new Value.Obj(Map.of("k", str("v"))))));
        assertThat(infer("[[1, 2], ['a']]")).isEqualTo(new Value.Array(List.of(
                new Value.Array(List.of(i(1), i(2))), new Value.Array(List.of(str("a"))))));
    }

    @Test
    void pythonStringEscapesAndPrefixes() {
        assertThat(infer("['it\\'s', \"say \\\"hi\\\"\"]")).isEqualTo(new Value.Array(List.of(str("it's"), str("say \"hi\""))));
        assertThat(infer("['tab\\there', '\\x41\\u00e9\\U0001F600', '\\101']"))
                .isEqualTo(new Value.Array(List.of(str("tab\there"), str("Aé\uD83D\uDE00"), str("A"))));
        assertThat(infer("['a\\/b', 'c\\d']")).isEqualTo(new Value.Array(List.of(str("a\\/b"), str("c\\d"))));
        assertThat(infer("[u'x', r'\\d+']")).isEqualTo(new Value.Array(List.of(str("x"), str("\\d+"))));
        assertThat(infer("['a', 'b',]")).isEqualTo(new Value.Array(List.of(str("a"), str("b"))));
        assertThat(infer("[\"a\\qb\"]")).isEqualTo(new Value.Array(List.of(str("a\\qb")))); // Python keeps unknown escapes
        assertThat(infer("['', \"\"]")).isEqualTo(new Value.Array(List.of(str(""), str(""))));
    }

    @Test
    void jsonStringEscapes() {
        assertThat(infer("[\"a\\/b\", \"\\u00e9\\n\", \"\\ud83d\\ude00\"]"))
                .isEqualTo(new Value.Array(List.of(str("a/b"), str("é\n"), str("\uD83D\uDE00"))));
    }

    @Test
    void tooDeepNestingStaysAString() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThat(infer(deep)).isEqualTo(str(deep));
        String ok = "[".repeat(10) + "]".repeat(10);
        assertThat(infer(ok)).isInstanceOf(Value.Array.class);
    }

    @Test
    void parseListIsPublic() {
        assertThat(ValueInference.parseList(" [1] ")).isEqualTo(new Value.Array(List.of(i(1))));
        assertThat(ValueInference.parseList("[ab-cd]")).isNull();
    }
}
