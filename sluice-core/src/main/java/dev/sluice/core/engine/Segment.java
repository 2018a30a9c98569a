package dev.sluice.core.engine;

import dev.sluice.core.rejects.RejectedRow;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of the file that is committed as one unit: the items of one batch, and the rows between
 * them that were rejected or skipped before reaching the sink. Segments are numbered in file order;
 * the checkpoint only ever moves to the end of the longest finished prefix of them.
 */
final class Segment<T extends SinkItem> {
    final long sequence;
    final List<T> items = new ArrayList<>();
    final List<Long> itemLines = new ArrayList<>();
    final List<byte[]> itemRaw = new ArrayList<>();
    final List<RejectedRow> rejected = new ArrayList<>();
    long skipped;
    long rowsRead;
    long itemBytes;
    /** Where the next segment starts: offset and physical line. */
    long endOffset;
    long endLine;

    Segment(long sequence) {
        this.sequence = sequence;
    }

    void addItem(T item, long line, byte[] raw) {
        items.add(item);
        itemLines.add(line);
        itemRaw.add(raw);
        itemBytes += item.sizeBytes();
        rowsRead++;
    }

    void addRejected(RejectedRow row) {
        rejected.add(row);
        rowsRead++;
    }

    void addSkipped() {
        skipped++;
        rowsRead++;
    }

    boolean fits(T item, SinkLimits limits) {
        return items.size() < limits.maxItems() && itemBytes + item.sizeBytes() <= limits.maxItemBytes();
    }

    /** Rows held only for bookkeeping; bounded so a file of bad rows does not fill memory. */
    int unsentRows() {
        return rejected.size() + (int) Math.min(skipped, Integer.MAX_VALUE);
    }

    boolean isEmpty() {
        return rowsRead == 0;
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>(items.size());
        for (T item : items) {
            keys.add(item.orderingKey());
        }
        return keys;
    }
}
