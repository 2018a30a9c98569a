package dev.sluice.personalize.braze;

import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.core.engine.SinkStats;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real sink with its batch sizes written down (not a fake: every batch goes on to the wrapped sink). */
public final class RecordingSink implements Sink<BrazeObject> {
    private final Sink<BrazeObject> sink;
    private final List<Integer> batches = new CopyOnWriteArrayList<>();

    public RecordingSink(Sink<BrazeObject> sink) {
        this.sink = sink;
    }

    public List<Integer> batches() {
        return batches;
    }

    @Override
    public SinkLimits limits() {
        return sink.limits();
    }

    @Override
    public boolean idempotent() {
        return sink.idempotent();
    }

    @Override
    public int maxInFlight() {
        return sink.maxInFlight();
    }

    @Override
    public CompletableFuture<List<Outcome>> write(List<BrazeObject> items) {
        batches.add(items.size());
        return sink.write(items);
    }

    @Override
    public SinkStats stats() {
        return sink.stats();
    }

    @Override
    public void close() {
        sink.close();
    }
}
