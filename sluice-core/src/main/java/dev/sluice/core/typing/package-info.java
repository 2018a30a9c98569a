/**
 * Generic cell typing: CSV cells → {@link dev.sluice.core.record.Value}s, for every destination.
 *
 * <p>{@link dev.sluice.core.typing.RowTyper} types a row with {@link dev.sluice.core.typing.TypingOptions}:
 * empty cells per {@link dev.sluice.core.typing.EmptyCells}, the null token → {@code Value.Null},
 * string (identifier) columns as read, {@link dev.sluice.core.typing.ColumnType#AUTO} columns by
 * {@link dev.sluice.core.typing.ValueInference} (which never changes what a cell says: leading-zero
 * codes, 20-digit ids, {@code 1e5}, {@code nan}, dates and {@code {...}} stay strings), and
 * explicitly typed columns by {@link dev.sluice.core.typing.ValueParsers} (which replace inference:
 * {@code 4.23} as an int is an error, not 4). The hot path uses character checks only: no regular
 * expressions, no exceptions for ordinary cells.
 */
package dev.sluice.core.typing;
