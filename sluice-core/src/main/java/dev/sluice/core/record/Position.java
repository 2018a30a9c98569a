package dev.sluice.core.record;

/**
 * Where a record sits in its source object: the physical line it starts on (1-based) and the byte
 * range it occupies, end exclusive. The end offset of a record is where the next one starts, so a
 * checkpoint is just the end offset of the last record the destination acknowledged.
 */
public record Position(long line, long startOffset, long endOffset) {
    public Position {
        if (line < 1 || startOffset < 0 || endOffset < startOffset) {
            throw new IllegalArgumentException("bad position: line " + line + ", bytes " + startOffset + ".." + endOffset);
        }
    }
}
