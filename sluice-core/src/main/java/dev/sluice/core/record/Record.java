package dev.sluice.core.record;

/**
 * One typed row: a value per header column (null where the cell was omitted, e.g. empty) and the
 * position it was read from.
 */
public record Record(Header header, Value[] values, Position position) {

    public Record {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("record has " + values.length + " values for " + header.size() + " columns");
        }
    }

    /** The value of a column, or null when the column is absent or the cell was omitted. */
    public Value get(String column) {
        int i = header.indexOf(column);
        return i < 0 ? null : values[i];
    }
}
