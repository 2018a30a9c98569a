package dev.sluice.core.csv;

import dev.sluice.core.record.Position;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record as read from the file.
 *
 * @param fields      the decoded fields, in file order; best effort when the row is malformed
 * @param position    the physical line the record starts on and its bytes, from its first byte to
 *                    just after its line terminator
 * @param raw         the exact bytes of the record, without its line terminator (for rejects files)
 * @param syntaxError null for a good row, else what is wrong, starting with the 1-based column
 */
public record CsvRow(String[] fields, Position position, byte[] raw, String syntaxError) {

    public boolean malformed() {
        return syntaxError != null;
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * The physical line number at {@code position().endOffset()}: the line to pass with that offset
     * to {@link CsvReader#resume}. It counts the line breaks inside quoted fields, which the position
     * alone does not tell. (It scans {@link #raw()}: call it for a checkpoint, not for every row.)
     */
    public long nextLine() {
        boolean terminated = position.endOffset() - position.startOffset() > raw.length;
        return position.line() + LineBreaks.count(raw, 0, raw.length) + (terminated ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvRow r
                && Arrays.equals(fields, r.fields)
                && position.equals(r.position)
                && Arrays.equals(raw, r.raw)
                && Objects.equals(syntaxError, r.syntaxError);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fields) + position.hashCode();
    }

    @Override
    public String toString() {
        return "CsvRow" + Arrays.toString(fields) + " at " + position + (malformed() ? " (" + syntaxError + ")" : "");
    }
}
