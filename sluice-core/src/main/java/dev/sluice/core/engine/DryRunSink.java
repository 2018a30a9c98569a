package dev.sluice.core.engine;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * A sink that sends nothing and accepts everything, counting the requests and the weight (attribute
 * updates, say) a real import would send. {@code validate} runs the real engine against it, so it
 * batches exactly as an import would.
 */
public final class DryRunSink<T extends SinkItem> implements Sink<T> {
    private final SinkLimits limits;
    private final ToLongFunction<T> weight;
    private final LongAdder requests = new LongAdder();
    private final LongAdder totalWeight = new LongAdder();

    public DryRunSink(SinkLimits limits, ToLongFunction<T> weight) {
        this.limits = limits;
        this.weight = weight;
    }

    @Override
    public SinkLimits limits() {
        return limits;
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public int maxInFlight() {
        return 1;
    }

    @Override
    public CompletableFuture<List<Outcome>> write(List<T> items) {
        requests.increment();
        for (T item : items) {
            totalWeight.add(weight.applyAsLong(item));
        }
        return CompletableFuture.completedFuture(Collections.nCopies(items.size(), Outcome.ACCEPTED));
    }

    @Override
    public SinkStats stats() {
        return new SinkStats(requests.sum(), 0);
    }

    /** The summed weight of every item written. */
    public long weight() {
        return totalWeight.sum();
    }

    @Override
    public void close() {
    }
}
