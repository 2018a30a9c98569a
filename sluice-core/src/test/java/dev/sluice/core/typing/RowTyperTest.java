package dev.sluice.core.typing;

import dev.sluice.core.record.Header;
import dev.sluice.core.record.Position;
import dev.sluice.core.record.Record;
import dev.sluice.core.record.Value;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowTyperTest {

    private static final Position POS = new Position(2, 10, 40);
    private static final Header HEADER = Header.of(List.of("external_id", "first_name", "age", "zip", "colors", "active", "phone"));

    private static Record type(RowTyper typer, String... cells) throws TypingException {
        return typer.type(cells, POS);
    }

    @Test
    void theSampleFileWithDefaultsAndIdentifierColumnsAsStrings() throws Exception {
        RowTyper typer = new RowTyper(HEADER, TypingOptions.defaults().withStringColumns(Set.of("external_id", "phone")));
        Record r = type(typer, "123", "Ann", "34", "02134", "['red','blue']", "TRUE", "15551234567");
        assertThat(r.values()).containsExactly(
                new Value.Str("123"), new Value.Str("Ann"), new Value.Int(34), new Value.Str("02134"),
                new Value.Array(List.of(new Value.Str("red"), new Value.Str("blue"))), Value.Bool.TRUE,
                new Value.Str("15551234567"));
        assertThat(r.position()).isEqualTo(POS);
        assertThat(r.header()).isEqualTo(HEADER);
    }

    @Test
    void twentyDigitIdentifierStaysExact() throws Exception {
        RowTyper typer = new RowTyper(HEADER, TypingOptions.defaults().withStringColumns(Set.of("external_id")));
        Record r = type(typer, "12345678901234567890", "", "", "", "", "", "");
        assertThat(r.get("external_id")).isEqualTo(new Value.Str("12345678901234567890"));
    }

    @Test
    void emptyCellsAreOmittedByDefault() throws Exception {
        RowTyper typer = new RowTyper(HEADER, TypingOptions.defaults());
        Record r = type(typer, "u1", "", "   ", null, "0", "null", "\t");
        assertThat(r.values()).containsExactly(new Value.Str("u1"),
                null, null, null, new Value.Int(0), Value.Null.INSTANCE, null);
    }

    @Test
    void emptyCellsAsNullOrEmptyString() throws Exception {
        Header h = Header.of(List.of("a", "b"));
        RowTyper nulls = new RowTyper(h, TypingOptions.defaults().withEmptyCells(EmptyCells.NULL));
        assertThat(nulls.type(new String[] {"", " "}, POS).values()).containsExactly(Value.Null.INSTANCE, Value.Null.INSTANCE);
        RowTyper empties = new RowTyper(h, TypingOptions.defaults().withEmptyCells(EmptyCells.EMPTY_STRING)
                .withColumnTypes(Map.of("b", ColumnType.INT)));
        assertThat(empties.type(new String[] {"", " "}, POS).values()).containsExactly(new Value.Str(""), new Value.Str(""));
    }

    @Test
    void nullTokenWinsOverExplicitTypesAndStringColumns() throws Exception {
        RowTyper typer = new RowTyper(HEADER, TypingOptions.defaults()
                .withColumnTypes(Map.of("age", ColumnType.INT, "active", ColumnType.BOOL))
                .withStringColumns(Set.of("external_id")));
        Record r = type(typer, "NULL", "null", " null ", "", "", "Null", "");
        assertThat(r.get("external_id")).isEqualTo(Value.Null.INSTANCE);
        assertThat(r.get("age")).isEqualTo(Value.Null.INSTANCE);
        assertThat(r.get("active")).isEqualTo(Value.Null.INSTANCE);
    }

    @Test
    void customAndDisabledNullToken() throws Exception {
        Header h = Header.of(List.of("a", "b"));
        RowTyper na = new RowTyper(h, TypingOptions.defaults().withNullToken("\\N"));
        assertThat(na.type(new String[] {"\\N", "null"}, POS).values()).containsExactly(Value.Null.INSTANCE, new Value.Str("null"));
        RowTyper none = new RowTyper(h, TypingOptions.defaults().withNullToken(null));
        assertThat(none.type(new String[] {"null", "NULL"}, POS).values()).containsExactly(new Value.Str("null"), new Value.Str("NULL"));
        assertThat(TypingOptions.defaults().withNullToken("  ").nullToken()).isNull();
    }

    @Test
    void explicitTypesReplaceInference() throws Exception {
        RowTyper typer = new RowTyper(HEADER, TypingOptions.defaults().withColumnTypes(Map.of(
                "first_name", ColumnType.STRING, "age", ColumnType.INT, "zip", ColumnType.INT,
                "colors", ColumnType.STRING, "active", ColumnType.BOOL, "phone", ColumnType.TIME)));
        Record r = type(typer, "u1", " 2398 ", "4.0", "0042", "['a']", "yes", "2024-01-02");
        assertThat(r.values()).containsExactly(new Value.Str("u1"), new Value.Str(" 2398 "), new Value.Int(4),
                new Value.Int(42), new Value.Str("['a']"), Value.Bool.TRUE, new Value.Time(Instant.parse("2024-01-02T00:00:00Z")));
    }

    @Test
    void badCellNamesItsColumn() {
        RowTyper typer = new RowTyper(HEADER, TypingOptions.defaults().withColumnTypes(Map.of("age", ColumnType.INT)));
        assertThatThrownBy(() -> type(typer, "u1", "Ann", "4.23", "", "", "", ""))
                .isInstanceOfSatisfying(TypingException.class, e -> {
                    assertThat(e.column()).isEqualTo("age");
                    assertThat(e.reason()).startsWith("'4.23' is not an integer");
                    assertThat(e.getMessage()).startsWith("column 'age': '4.23' is not an integer");
                });
        assertThatThrownBy(() -> type(typer, "u1", "Ann", "abc", "", "", "", ""))
                .hasMessage("column 'age': 'abc' is not an integer");
    }

    @Test
    void typeForAColumnTheHeaderDoesNotHave() {
        assertThatThrownBy(() -> new RowTyper(HEADER, TypingOptions.defaults().withColumnTypes(Map.of("x", ColumnType.INT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--type names column 'x', which the header does not have");
    }

    @Test
    void stringColumnsCannotHaveAnotherType() {
        TypingOptions o = TypingOptions.defaults().withColumnTypes(Map.of("external_id", ColumnType.INT))
                .withStringColumns(Set.of("external_id"));
        assertThatThrownBy(() -> new RowTyper(HEADER, o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'external_id'");
        TypingOptions ok = TypingOptions.defaults().withColumnTypes(Map.of("external_id", ColumnType.STRING))
                .withStringColumns(Set.of("external_id"));
        assertThat(new RowTyper(HEADER, ok).typeOf(0)).isEqualTo(ColumnType.STRING);
    }

    @Test
    void decimalsAndArraysThroughTheTyper() throws Exception {
        Header h = Header.of(List.of("score", "tags"));
        RowTyper typer = new RowTyper(h, TypingOptions.defaults());
        Record r = typer.type(new String[] {"0.98", "[9.12, 1, 4]"}, POS);
        assertThat(r.values()).containsExactly(new Value.Dec(new BigDecimal("0.98")),
                new Value.Array(List.of(new Value.Dec(new BigDecimal("9.12")), new Value.Int(1), new Value.Int(4))));
    }

    @Test
    void optionsDefaultsAndWithers() {
        TypingOptions d = TypingOptions.defaults();
        assertThat(d.nullToken()).isEqualTo("null");
        assertThat(d.emptyCells()).isEqualTo(EmptyCells.OMIT);
        assertThat(d.columnTypes()).isEmpty();
        assertThat(d.stringColumns()).isEmpty();
        TypingOptions o = d.withColumnTypes(Map.of("a", ColumnType.INT)).withStringColumns(Set.of("b"))
                .withEmptyCells(EmptyCells.NULL).withNullToken("NA");
        assertThat(o).isEqualTo(new TypingOptions("NA", EmptyCells.NULL, Map.of("a", ColumnType.INT), Set.of("b")));
    }
}
