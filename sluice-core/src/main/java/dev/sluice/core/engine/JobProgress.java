package dev.sluice.core.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live figures of a running job for a progress line: the reader's position and the committed
 * counts. Written by the engine (or a loader such as PostgreSQL's COPY feed), read from any thread;
 * exact at checkpoints, approximate in between.
 */
public final class JobProgress {
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong committedRows = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long totalBytes = -1;
    private volatile long startOffset;

    public void start(long rowsAtCheckpoint, long offset, long totalBytes) {
        this.rowsRead.set(rowsAtCheckpoint);
        this.committedRows.set(rowsAtCheckpoint);
        this.bytesRead.set(offset);
        this.startOffset = offset;
        this.totalBytes = totalBytes;
    }

    public void read(long rows, long offset) {
        rowsRead.set(rows);
        bytesRead.set(offset);
    }

    public void committed(long rows) {
        committedRows.set(rows);
    }

    public long rowsRead() {
        return rowsRead.get();
    }

    public long committedRows() {
        return committedRows.get();
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    /** Total bytes of the input when known (not for compressed input), else -1. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Seconds left, estimated from the bytes read so far; -1 when unknown. */
    public long etaSeconds() {
        long total = totalBytes;
        long position = bytesRead.get();
        long done = position - startOffset;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (total <= 0 || done <= 0 || seconds < 1) {
            return -1;
        }
        return Math.round((total - position) / (done / seconds));
    }
}
