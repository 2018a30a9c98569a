package dev.sluice.core.engine;

import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.Ledger;
import dev.sluice.core.rejects.RejectedRow;
import dev.sluice.core.rejects.RejectsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * Moves the watermark. Finished segments arrive in any order; the committer applies them strictly in
 * file order (counts, then rejected rows to the rejects file), and after each run of progress saves
 * one checkpoint to the ledger. A failed segment freezes the watermark before it: nothing after a
 * failure is ever counted as done.
 */
final class Committer<T extends SinkItem> implements Runnable {

    private sealed interface Event { }

    /** A segment the sink has answered for, or failed. */
    private record Finished<T extends SinkItem>(Segment<T> segment, List<Outcome> outcomes, Throwable failure)
            implements Event { }

    /** The reader made this many segments; none will follow. */
    private record EndOfInput(long segments) implements Event { }

    /** Apply what is ready, then stop, even if segments are still missing (a stopping job). */
    private record StopNow() implements Event { }

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final TreeMap<Long, Finished<T>> waiting = new TreeMap<>();
    private final Ledger ledger;
    private final long jobId;
    private final RejectsFile rejects;
    private final JobProgress progress;
    private final Supplier<SinkStats> sinkStats;
    private final Counts earlierRequests;
    private final Runnable sentSegmentApplied;
    /** Sent segments applied but not yet behind a saved checkpoint. */
    private int slotsToFree;

    private long nextSequence;
    private long expectedSegments = Long.MAX_VALUE;
    private boolean stopping;
    private Checkpoint checkpoint;
    private Throwable failure;
    private boolean done;

    /**
     * {@code sentSegmentApplied} runs once for each segment that went to the sink, after a checkpoint
     * covering it is saved: only then may another batch take its place in the window.
     */
    Committer(Ledger ledger, long jobId, Checkpoint start, RejectsFile rejects, JobProgress progress,
            Supplier<SinkStats> sinkStats, Runnable sentSegmentApplied) {
        this.ledger = ledger;
        this.jobId = jobId;
        this.checkpoint = start;
        this.rejects = rejects;
        this.progress = progress;
        this.sinkStats = sinkStats;
        this.earlierRequests = start.counts();
        this.sentSegmentApplied = sentSegmentApplied;
    }

    void finished(Segment<T> segment, List<Outcome> outcomes, Throwable failure) {
        queue.add(new Finished<>(segment, outcomes, failure));
    }

    /** No more segments will come after {@code count} of them; the committer stops once they are applied. */
    void endOfInput(long count) {
        queue.add(new EndOfInput(count));
    }

    /** Applies what has finished, then stops without waiting for the rest. */
    void stopNow() {
        queue.add(new StopNow());
    }

    @Override
    public void run() {
        try {
            while (!isDone()) {
                accept(queue.take());
                for (Event more = queue.poll(); more != null; more = queue.poll()) {
                    accept(more);
                }
                if (applyReady()) {
                    ledger.checkpoint(jobId, checkpoint);
                    freeSlots();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            synchronized (this) {
                done = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits until every expected segment is applied, or a failure froze the watermark, or a stop;
     * returns whether that happened within {@code millis}.
     */
    synchronized boolean awaitDone(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!done) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Whether every segment of the input was applied (the end of input was announced and reached). */
    synchronized boolean appliedAll() {
        return failure == null && nextSequence >= expectedSegments;
    }

    synchronized Checkpoint checkpoint() {
        return checkpoint;
    }

    synchronized Throwable failure() {
        return failure;
    }

    private void freeSlots() {
        for (; slotsToFree > 0; slotsToFree--) {
            sentSegmentApplied.run();
        }
    }

    @SuppressWarnings("unchecked")
    private void accept(Event event) {
        if (event instanceof Finished<?> finished) {
            waiting.put(finished.segment().sequence, (Finished<T>) finished);
        } else if (event instanceof EndOfInput end) {
            expectedSegments = end.segments();
        } else {
            stopping = true;
        }
    }

    private boolean applyReady() throws IOException {
        boolean advanced = false;
        while (failure == null && !waiting.isEmpty() && waiting.firstKey() == nextSequence) {
            Finished<T> next = waiting.pollFirstEntry().getValue();
            if (next.failure() != null) {
                fail(next.failure());
                break;
            }
            apply(next.segment(), next.outcomes());
            if (!next.segment().items.isEmpty()) {
                slotsToFree++;
            }
            nextSequence++;
            advanced = true;
        }
        return advanced;
    }

    private void apply(Segment<T> segment, List<Outcome> outcomes) throws IOException {
        long accepted = 0;
        long skipped = segment.skipped;
        List<RejectedRow> rejected = new ArrayList<>(segment.rejected);
        for (int i = 0; i < segment.items.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Accepted) {
                accepted++;
            } else if (outcome instanceof Outcome.Skipped) {
                skipped++;
            } else if (outcome instanceof Outcome.Rejected r) {
                rejected.add(new RejectedRow(segment.itemLines.get(i), null, r.reason(),
                        new String(segment.itemRaw.get(i), StandardCharsets.UTF_8)));
            }
        }
        rejected.sort(Comparator.comparingLong(RejectedRow::line));
        rejects.append(rejected);
        Counts before = checkpoint.counts();
        SinkStats stats = sinkStats.get();
        Counts after = new Counts(before.read() + segment.rowsRead, before.accepted() + accepted,
                before.rejected() + rejected.size(), before.skipped() + skipped,
                earlierRequests.requests() + stats.requests(), earlierRequests.retries() + stats.retries());
        synchronized (this) {
            checkpoint = new Checkpoint(segment.endOffset, segment.endLine, after, rejects.length());
        }
        progress.committed(after.read());
    }

    private synchronized void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    private synchronized boolean isDone() {
        return failure != null || stopping || nextSequence >= expectedSegments;
    }
}
