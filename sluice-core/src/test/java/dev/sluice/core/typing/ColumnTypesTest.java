package dev.sluice.core.typing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ColumnTypesTest {

    @Test
    void parsesEntriesInOrder() {
        assertThat(ColumnTypes.parse(List.of("zip=string", " age = int ", "score=FLOAT")))
                .containsExactly(entry("zip", ColumnType.STRING), entry("age", ColumnType.INT), entry("score", ColumnType.FLOAT));
    }

    @Test
    void acceptsTheReferenceTypeCastFormat() {
        assertThat(ColumnTypes.parse(List.of("attr=string,numerical=integer, floaty=float")))
                .containsExactly(entry("attr", ColumnType.STRING), entry("numerical", ColumnType.INT),
                        entry("floaty", ColumnType.FLOAT));
        assertThat(ColumnTypes.parse(List.of(""))).isEmpty();
        assertThat(ColumnTypes.parse(List.of())).isEmpty();
        assertThat(ColumnTypes.parse(List.of("a=bool,"))).containsExactly(entry("a", ColumnType.BOOL));
    }

    @Test
    void typeNames() {
        assertThat(ColumnType.parse("integer")).isEqualTo(ColumnType.INT);
        assertThat(ColumnType.parse("Boolean")).isEqualTo(ColumnType.BOOL);
        assertThat(ColumnType.parse(" auto ")).isEqualTo(ColumnType.AUTO);
        for (ColumnType t : ColumnType.values()) {
            assertThat(ColumnType.parse(t.label())).isEqualTo(t);
        }
        assertThatThrownBy(() -> ColumnType.parse("floaty"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown type 'floaty'; choose one of string, int, float, bool, time, array, object, auto");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=b=c", "a", "a==int"})
    void entryWithoutExactlyOneEquals(String spec) {
        assertThatThrownBy(() -> ColumnTypes.parse(List.of(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad --type entry '" + spec + "': expected column=type, e.g. zip=string");
    }

    @Test
    void emptyColumnOrType() {
        assertThatThrownBy(() -> ColumnTypes.parse(List.of("=int")))
                .hasMessage("bad --type entry '=int': the column name is empty");
        assertThatThrownBy(() -> ColumnTypes.parse(List.of("a=")))
                .hasMessageStartingWith("bad --type entry 'a=': the type is empty; choose one of string, int");
    }

    @Test
    void unknownType() {
        assertThatThrownBy(() -> ColumnTypes.parse(List.of("ok=int", "attr=floaty")))
                .hasMessage("bad --type entry 'attr=floaty': unknown type 'floaty'; choose one of string, int, float, bool, time, array, object, auto");
    }

    @Test
    void duplicateColumn() {
        assertThatThrownBy(() -> ColumnTypes.parse(List.of("a=int", "a=float")))
                .hasMessage("bad --type entry 'a=float': column 'a' already has type int");
    }
}
