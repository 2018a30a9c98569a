package dev.sluice.core.typing;

import dev.sluice.core.record.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueParsersTest {

    private static Value parse(String cell, ColumnType type) throws CellFormatException {
        return ValueParsers.parse(cell, type);
    }

    @Test
    void intReplacesInferenceInsteadOfCasting() throws Exception {
        assertThat(parse("007", ColumnType.INT)).isEqualTo(new Value.Int(7));
        assertThat(parse("00", ColumnType.INT)).isEqualTo(new Value.Int(0));
        assertThat(parse("-230", ColumnType.INT)).isEqualTo(new Value.Int(-230));
        assertThat(parse("+5", ColumnType.INT)).isEqualTo(new Value.Int(5));
        assertThat(parse(" 42 ", ColumnType.INT)).isEqualTo(new Value.Int(42));
        assertThat(parse("4.0", ColumnType.INT)).isEqualTo(new Value.Int(4));
        assertThat(parse("4.000", ColumnType.INT)).isEqualTo(new Value.Int(4));
        assertThat(parse("4.", ColumnType.INT)).isEqualTo(new Value.Int(4));
        assertThat(parse("-0009223372036854775808", ColumnType.INT)).isEqualTo(new Value.Int(Long.MIN_VALUE));
        assertThat(parse("9223372036854775807", ColumnType.INT)).isEqualTo(new Value.Int(Long.MAX_VALUE));
    }

    @Test
    void intWithAFractionIsAnErrorNotATruncation() {
        assertThatThrownBy(() -> parse("4.23", ColumnType.INT))
                .isInstanceOf(CellFormatException.class)
                .hasMessageStartingWith("'4.23' is not an integer (it has a fraction");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "  ", "1e3", "1,000", "-", "+", "0x10", "12a", "4.2x", "nan"})
    void badIntegers(String cell) {
        assertThatThrownBy(() -> parse(cell, ColumnType.INT))
                .isInstanceOf(CellFormatException.class)
                .hasMessageContaining("is not an integer");
    }

    @Test
    void intOutOfRange() {
        assertThatThrownBy(() -> parse("99999999999999999999", ColumnType.INT))
                .hasMessage("'99999999999999999999' is outside the 64-bit integer range");
    }

    @Test
    void floats() throws Exception {
        assertThat(parse("1e5", ColumnType.FLOAT)).isEqualTo(new Value.Dec(new BigDecimal("1e5")));
        assertThat(parse("4.123", ColumnType.FLOAT)).isEqualTo(new Value.Dec(new BigDecimal("4.123")));
        assertThat(parse("5", ColumnType.FLOAT)).isEqualTo(new Value.Dec(new BigDecimal("5")));
        assertThat(parse("007.5", ColumnType.FLOAT)).isEqualTo(new Value.Dec(new BigDecimal("7.5")));
        assertThat(parse("-.5", ColumnType.FLOAT)).isEqualTo(new Value.Dec(new BigDecimal("-0.5")));
        assertThat(parse("+2.5E-3", ColumnType.FLOAT)).isEqualTo(new Value.Dec(new BigDecimal("0.0025")));
        assertThat(parse("0", ColumnType.FLOAT)).isEqualTo(new Value.Dec(BigDecimal.ZERO));
        assertThat(parse("1e308", ColumnType.FLOAT)).isInstanceOf(Value.Dec.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NaN", "inf", "Infinity", "abc", "1,5", ".", "e5", "1e", "1e+", "--1", "1.2.3"})
    void badFloats(String cell) {
        assertThatThrownBy(() -> parse(cell, ColumnType.FLOAT)).hasMessage("'" + cell + "' is not a number");
    }

    @Test
    void floatsOutsideTheDoubleRange() {
        assertThatThrownBy(() -> parse("1e400", ColumnType.FLOAT)).hasMessageContaining("outside the range");
        assertThatThrownBy(() -> parse("1e-400", ColumnType.FLOAT)).hasMessageContaining("outside the range");
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "False,false", "1,true", "0,false", "yes,true", "NO,false", "' yes ',true"})
    void booleans(String cell, boolean expected) throws Exception {
        assertThat(parse(cell, ColumnType.BOOL)).isEqualTo(new Value.Bool(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "t", "y", "", "null", "on"})
    void badBooleans(String cell) {
        assertThatThrownBy(() -> parse(cell, ColumnType.BOOL)).hasMessageContaining("is not a boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2398", "4.123", "TRUE", " padded ", "0042", "null", "[1]"})
    void stringsAreUntouched(String cell) throws Exception {
        assertThat(parse(cell, ColumnType.STRING)).isEqualTo(new Value.Str(cell));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-01-02T03:04:05Z|2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05.123+02:00|2024-01-02T01:04:05.123Z",
            "2024-01-02T03:04:05.123456789-0130|2024-01-02T04:34:05.123456789Z",
            "2024-01-02T03:04:05+05|2024-01-01T22:04:05Z",
            "2024-01-02 03:04:05|2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05|2024-01-02T03:04:05Z",
            "2024-01-02T03:04|2024-01-02T03:04:00Z",
            "2024-01-02 03:04:05 UTC|2024-01-02T03:04:05Z",
            "2024-01-02 03:04:05 +0530|2024-01-01T21:34:05Z",
            "2024-01-02T03:04:05:123Z|2024-01-02T03:04:05.123Z",
            "2024-01-02T03:04:05,5Z|2024-01-02T03:04:05.500Z",
            "2024-01-02|2024-01-02T00:00:00Z",
            "2024-02-29|2024-02-29T00:00:00Z",
            "11/11/2011|2011-11-11T00:00:00Z",
            "1/2/2024|2024-01-02T00:00:00Z",
            "0000-01-01|0000-01-01T00:00:00Z",
            "' 2024-01-02 '|2024-01-02T00:00:00Z"})
    void times(String cell, String expected) throws Exception {
        assertThat(parse(cell, ColumnType.TIME)).isEqualTo(new Value.Time(Instant.parse(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-01-02T24:00:00", "2024-01-02T03:60",
            "2024-01-02T03:04:05:12Z", "2024-01-02T03:04:05+19:00", "2024-01-02X03:04", "yesterday", "13/01/2024",
            "1/2/24", "2024/01/02", "2024-1-2", "", "1700000000", "2024-01-02T03:04:05 PST"})
    void badTimes(String cell) {
        assertThatThrownBy(() -> parse(cell, ColumnType.TIME)).hasMessageContaining("is not a date or time");
    }

    @Test
    void arrays() throws Exception {
        assertThat(parse("[1, 'a']", ColumnType.ARRAY))
                .isEqualTo(new Value.Array(List.of(new Value.Int(1), new Value.Str("a"))));
        assertThatThrownBy(() -> parse("abc", ColumnType.ARRAY)).hasMessage("'abc' is not a JSON array or a Python list");
        assertThatThrownBy(() -> parse("{}", ColumnType.ARRAY)).hasMessageContaining("is not a JSON array");
        assertThatThrownBy(() -> parse("[ab-cd]", ColumnType.ARRAY)).hasMessageContaining("is not a JSON array");
    }

    @Test
    void objectsFromJsonAndPython() throws Exception {
        Map<String, Value> inner = new LinkedHashMap<>();
        inner.put("c", new Value.Array(List.of(new Value.Int(1), new Value.Str("x"))));
        Map<String, Value> outer = new LinkedHashMap<>();
        outer.put("a", new Value.Dec(new BigDecimal("1.50")));
        outer.put("b", new Value.Obj(inner));
        assertThat(parse("{\"a\": 1.50, \"b\": {\"c\": [1, \"x\"]}}", ColumnType.OBJECT)).isEqualTo(new Value.Obj(outer));
        assertThat(parse("{'a': 1.50, 'b': {'c': [1, 'x']},}", ColumnType.OBJECT)).isEqualTo(new Value.Obj(outer));

        Value.Obj py = (Value.Obj) parse("{'t': True, 'n': None}", ColumnType.OBJECT);
        assertThat(py.fields()).containsExactly(Map.entry("t", Value.Bool.TRUE), Map.entry("n", Value.Null.INSTANCE));
        assertThat(List.copyOf(py.fields().keySet())).containsExactly("t", "n");
        assertThat(parse("{}", ColumnType.OBJECT)).isEqualTo(new Value.Obj(Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "{'a' 1}", "{1: 'a'}", "{'a': 1", "abc", "{'a': 1} x", "{a: 1}"})
    void badObjects(String cell) {
        assertThatThrownBy(() -> parse(cell, ColumnType.OBJECT)).hasMessageContaining("is not a JSON object or a Python dict");
    }

    @Test
    void longCellsAreShortenedInMessages() {
        String cell = "x".repeat(500);
        assertThatThrownBy(() -> parse(cell, ColumnType.INT))
                .hasMessageStartingWith("'" + "x".repeat(60) + "…' (500 characters) is not an integer");
    }

    @Test
    void autoIsInferenceWithoutNullToken() throws Exception {
        assertThat(parse("0042", ColumnType.AUTO)).isEqualTo(new Value.Str("0042"));
        assertThat(parse("42", ColumnType.AUTO)).isEqualTo(new Value.Int(42));
        assertThat(parse("null", ColumnType.AUTO)).isEqualTo(new Value.Str("null"));
    }
}
