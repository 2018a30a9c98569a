package dev.sluice.core.typing;

/**
 * What an empty cell (no characters, or only blanks) becomes. Applies to every column, whatever its
 * type.
 */
public enum EmptyCells {
    /** Left out of the record (its value is null): the destination keeps what it has. The default. */
    OMIT,
    /** {@link dev.sluice.core.record.Value.Null}: the destination unsets the value. */
    NULL,
    /** An empty string, {@code Value.Str("")}. */
    EMPTY_STRING
}
