package dev.sluice.core.typing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a file's cells are typed.
 *
 * @param nullToken     a cell equal to this (after trimming blanks, in any case) becomes
 *                      {@code Value.Null}, in every column and whatever its type; null or blank = no
 *                      null token
 * @param emptyCells    what an empty or blank cell becomes
 * @param columnTypes   explicit types by column name; other columns are {@link ColumnType#AUTO}
 * @param stringColumns columns whose cells are always strings (identifiers): like
 *                      {@link ColumnType#STRING}, and a type other than STRING for them is an error
 */
public record TypingOptions(String nullToken, EmptyCells emptyCells, Map<String, ColumnType> columnTypes,
                            Set<String> stringColumns) {

    public static final String DEFAULT_NULL_TOKEN = "null";

    public TypingOptions {
        if (nullToken != null && nullToken.isBlank()) {
            nullToken = null;
        } else if (nullToken != null) {
            nullToken = nullToken.trim();
        }
        Objects.requireNonNull(emptyCells, "emptyCells");
        columnTypes = columnTypes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        stringColumns = stringColumns == null ? Set.of() : Set.copyOf(stringColumns);
    }

    /** Null token {@code null}, empty cells omitted, no explicit types, no string columns. */
    public static TypingOptions defaults() {
        return new TypingOptions(DEFAULT_NULL_TOKEN, EmptyCells.OMIT, Map.of(), Set.of());
    }

    public TypingOptions withNullToken(String token) {
        return new TypingOptions(token, emptyCells, columnTypes, stringColumns);
    }

    public TypingOptions withEmptyCells(EmptyCells empty) {
        return new TypingOptions(nullToken, empty, columnTypes, stringColumns);
    }

    public TypingOptions withColumnTypes(Map<String, ColumnType> types) {
        return new TypingOptions(nullToken, emptyCells, types, stringColumns);
    }

    public TypingOptions withStringColumns(Set<String> columns) {
        return new TypingOptions(nullToken, emptyCells, columnTypes, columns);
    }
}
