package dev.sluice.core.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A destination. {@link #write} sends one batch and completes with one {@link Outcome} per item, in
 * item order. Retriable failures are retried inside the sink; when they run out, or on a failure no
 * retry can fix (bad credentials), the future completes exceptionally with a {@link SinkStoppedException}
 * and the job stops, resumable. A batch is never "counted as done" unless the destination said so.
 */
public interface Sink<T extends SinkItem> extends AutoCloseable {

    SinkLimits limits();

    /** True when writing the same item twice leaves the destination as writing it once. */
    boolean idempotent();

    /** How many batches may be in flight at once; the engine applies back-pressure beyond it. */
    int maxInFlight();

    CompletableFuture<List<Outcome>> write(List<T> items);

    /** Requests sent and retried so far, for the summary. */
    SinkStats stats();

    @Override
    void close();
}
