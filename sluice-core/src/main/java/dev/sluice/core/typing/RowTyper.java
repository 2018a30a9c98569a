package dev.sluice.core.typing;

import dev.sluice.core.record.Header;
import dev.sluice.core.record.Position;
import dev.sluice.core.record.Record;
import dev.sluice.core.record.Value;

import java.util.Map;

/**
 * Types the cells of one file's rows into {@link Record}s, per {@link TypingOptions}. For each cell:
 * <ol>
 *   <li>empty or blank → per {@link EmptyCells} (omitted by default);</li>
 *   <li>equal to the null token (trimmed, any case) → {@link Value.Null}, whatever the column type.
 *       This holds for string columns too: an identifier cell reading {@code null} is a null, and it
 *       is the destination that decides what a null identifier means (Braze treats it as absent).
 *       Choose another null token, or none, for files where {@code null} is real data;</li>
 *   <li>string columns and {@link ColumnType#STRING} → the cell as read;</li>
 *   <li>{@link ColumnType#AUTO} → {@link ValueInference};</li>
 *   <li>other types → {@link ValueParsers}; a cell that does not parse → {@link TypingException}.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class RowTyper {

    private static final byte AUTO = 0;
    private static final byte STRING = 1;
    private static final byte EXPLICIT = 2;

    private static final Value.Str EMPTY_STR = new Value.Str("");

    private final Header header;
    private final TypingOptions options;
    private final String nullToken;
    private final Value emptyValue;
    private final byte[] kinds;
    private final ColumnType[] types;

    /**
     * @throws IllegalArgumentException when a typed or string column is not in the header, or a
     *                                  string column is given a type other than string
     */
    public RowTyper(Header header, TypingOptions options) {
        this.header = header;
        this.options = options;
        this.nullToken = options.nullToken();
        this.emptyValue = switch (options.emptyCells()) {
            case OMIT -> null;
            case NULL -> Value.Null.INSTANCE;
            case EMPTY_STRING -> EMPTY_STR;
        };
        int n = header.size();
        this.kinds = new byte[n];
        this.types = new ColumnType[n];
        java.util.Arrays.fill(types, ColumnType.AUTO);
        for (Map.Entry<String, ColumnType> t : options.columnTypes().entrySet()) {
            int i = header.indexOf(t.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("--type names column '" + t.getKey() + "', which the header does not have");
            }
            ColumnType type = t.getValue();
            types[i] = type;
            kinds[i] = type == ColumnType.AUTO ? AUTO : type == ColumnType.STRING ? STRING : EXPLICIT;
        }
        for (String column : options.stringColumns()) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("string column '" + column + "' is not in the header");
            }
            if (types[i] != ColumnType.AUTO && types[i] != ColumnType.STRING) {
                throw new IllegalArgumentException("--type names column '" + column + "' as " + types[i].label()
                        + ", but its values are always strings");
            }
            types[i] = ColumnType.STRING;
            kinds[i] = STRING;
        }
    }

    public Header header() {
        return header;
    }

    public TypingOptions options() {
        return options;
    }

    /** The effective type of a column (string columns report STRING). */
    public ColumnType typeOf(int column) {
        return types[column];
    }

    /**
     * Types one row.
     *
     * @param fields   the row's cells, one per header column (the caller checked the count); a null
     *                 field counts as empty
     * @param position where the row was read
     * @throws TypingException naming the column, for a cell that does not parse as its explicit type
     */
    public Record type(String[] fields, Position position) throws TypingException {
        int n = kinds.length;
        Value[] values = new Value[n];
        for (int i = 0; i < n; i++) {
            String cell = fields[i];
            if (cell == null) {
                values[i] = emptyValue;
                continue;
            }
            int len = cell.length();
            int s = Cells.trimStart(cell, 0, len);
            if (s == len) {
                values[i] = emptyValue;
                continue;
            }
            int e = Cells.trimEnd(cell, s, len);
            if (nullToken != null && Cells.regionIs(cell, s, e, nullToken)) {
                values[i] = Value.Null.INSTANCE;
                continue;
            }
            switch (kinds[i]) {
                case AUTO:
                    values[i] = ValueInference.inferTrimmed(cell, s, e);
                    break;
                case STRING:
                    values[i] = new Value.Str(cell);
                    break;
                default:
                    try {
                        values[i] = ValueParsers.parseTrimmed(cell, s, e, types[i]);
                    } catch (CellFormatException ex) {
                        throw new TypingException(header.name(i), ex.getMessage());
                    }
            }
        }
        return new Record(header, values, position);
    }
}
