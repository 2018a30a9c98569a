package dev.sluice.core.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A sink for engine tests whose answers the test decides: completion order, per-item outcomes and
 * failures. No real destination can be told to answer batch 3 before batch 1, which is exactly what
 * the watermark logic must survive; the destinations themselves are tested against real servers.
 */
final class ScriptedSink implements Sink<TestItem> {
    final List<List<TestItem>> written = Collections.synchronizedList(new ArrayList<>());
    final List<CompletableFuture<List<Outcome>>> pending = Collections.synchronizedList(new ArrayList<>());
    private final SinkLimits limits;
    private final int maxInFlight;
    private final Function<List<TestItem>, CompletableFuture<List<Outcome>>> answer;
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxObservedInFlight = new AtomicInteger();

    ScriptedSink(SinkLimits limits, int maxInFlight, Function<List<TestItem>, CompletableFuture<List<Outcome>>> answer) {
        this.limits = limits;
        this.maxInFlight = maxInFlight;
        this.answer = answer;
    }

    /** Accepts every item at once. */
    static ScriptedSink acceptingAll(int batchSize) {
        return new ScriptedSink(new SinkLimits(batchSize, 1 << 20), 4,
                items -> CompletableFuture.completedFuture(Collections.nCopies(items.size(), Outcome.ACCEPTED)));
    }

    @Override
    public SinkLimits limits() {
        return limits;
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public CompletableFuture<List<Outcome>> write(List<TestItem> items) {
        written.add(items);
        int now = inFlight.incrementAndGet();
        maxObservedInFlight.accumulateAndGet(now, Math::max);
        CompletableFuture<List<Outcome>> result = answer.apply(items);
        pending.add(result);
        return result.whenComplete((r, e) -> inFlight.decrementAndGet());
    }

    @Override
    public SinkStats stats() {
        return new SinkStats(written.size(), 0);
    }

    @Override
    public void close() {
    }

    List<String> keysWritten() {
        List<String> keys = new ArrayList<>();
        synchronized (written) {
            for (List<TestItem> batch : written) {
                batch.forEach(item -> keys.add(item.key()));
            }
        }
        return keys;
    }
}
