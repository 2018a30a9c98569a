package dev.sluice.personalize.braze;

import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.personalize.job.ConnectorConfig;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.output.OutputLine;
import dev.sluice.personalize.report.Reject;
import dev.sluice.personalize.run.Delivery;
import dev.sluice.personalize.run.DeliveryReport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Sends the {@code braze} connector's new output rows straight to Braze through the foundation's
 * {@link dev.sluice.braze.sink.BrazeSink} (its batch limits, retries and workspace rate limit), with
 * at most {@code sink.maxInFlight()} requests at once. Two rows of one user (a user mapped to two
 * query items) are never in flight together, so Braze applies them in file order. Rows Braze refuses
 * go to the rejects file; when the sink stops (retries exhausted, a refused key), this throws and the
 * connector's state is not replaced, so the next run sends the changes again.
 */
public final class BrazeDelivery implements Delivery {
    private final Sink<BrazeObject> sink;
    private final AttributeShape defaultShape;
    private final String destination;

    public BrazeDelivery(Sink<BrazeObject> sink, AttributeShape defaultShape, String destination) {
        this.sink = sink;
        this.defaultShape = defaultShape;
        this.destination = destination;
    }

    @Override
    public DeliveryReport deliver(ConnectorConfig connector, Folder job, List<String> parts, Consumer<Reject> rejects)
            throws IOException {
        if (!connector.isBraze()) {
            return DeliveryReport.NOTHING;
        }
        long requestsBefore = sink.stats().requests();
        long retriesBefore = sink.stats().retries();
        Sending sending = new Sending(rejects);
        for (String part : parts) {
            OutputLine.read(job, part, sending::lines);
        }
        sending.finish();
        return new DeliveryReport("Braze " + destination, sending.sent.get(), sending.skipped,
                sending.rejected.get(), sink.stats().requests() - requestsBefore, sink.stats().retries() - retriesBefore);
    }

    /** One delivery's batching and window. */
    private final class Sending {
        private final Consumer<Reject> rejects;
        private final SinkLimits limits = sink.limits();
        private final Semaphore window = new Semaphore(sink.maxInFlight());
        private final Map<String, CompletableFuture<Void>> lastByUser = new HashMap<>();
        private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private List<Item> batch = new ArrayList<>();
        private long batchBytes;
        private long skipped;

        Sending(Consumer<Reject> rejects) {
            this.rejects = rejects;
        }

        void lines(List<OutputLine> lines) throws IOException {
            for (OutputLine line : lines) {
                Payload payload = RecommendationPayload.of(line.bytes(), defaultShape);
                if (payload instanceof Payload.Send send) {
                    add(new Item(line, send));
                } else if (payload instanceof Payload.Invalid invalid) {
                    reject(line, invalid.reason());
                } else {
                    skipped++;
                }
            }
        }

        private void add(Item item) throws IOException {
            int size = item.send.object().sizeBytes();
            if (!batch.isEmpty() && (batch.size() == limits.maxItems() || batchBytes + size > limits.maxItemBytes())) {
                flush();
            }
            batch.add(item);
            batchBytes += size;
        }

        private void flush() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            throwIfFailed();
            List<Item> items = batch;
            batch = new ArrayList<>();
            batchBytes = 0;
            List<CompletableFuture<Void>> earlier = new ArrayList<>();
            for (Item item : items) {
                CompletableFuture<Void> last = lastByUser.get(item.send.user());
                if (last != null && !last.isDone()) {
                    earlier.add(last);
                }
            }
            try {
                window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while sending to Braze");
            }
            CompletableFuture<Void> done = CompletableFuture.allOf(earlier.toArray(CompletableFuture[]::new))
                    .thenCompose(v -> failure.get() != null ? CompletableFuture.completedFuture(null)
                            : sink.write(items.stream().map(i -> i.send.object()).toList())
                                    .thenAccept(outcomes -> record(items, outcomes)))
                    .whenComplete((v, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                        window.release();
                    });
            for (Item item : items) {
                lastByUser.put(item.send.user(), done);
            }
            inFlight.add(done);
            if (inFlight.size() > 4 * sink.maxInFlight()) {
                inFlight.removeIf(CompletableFuture::isDone);
                lastByUser.values().removeIf(CompletableFuture::isDone);
            }
        }

        private void record(List<Item> items, List<Outcome> outcomes) {
            for (int i = 0; i < items.size(); i++) {
                if (outcomes.get(i) instanceof Outcome.Rejected r) {
                    reject(items.get(i).line, r.reason());
                } else {
                    sent.incrementAndGet();
                }
            }
        }

        private void reject(OutputLine line, String reason) {
            rejected.incrementAndGet();
            rejects.accept(new Reject(line.file(), line.number(), 0, reason, line.text()));
        }

        void finish() throws IOException {
            flush();
            for (CompletableFuture<Void> f : inFlight) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    // recorded in failure
                }
            }
            throwIfFailed();
        }

        private void throwIfFailed() {
            Throwable error = failure.get();
            while (error instanceof CompletionException && error.getCause() != null) {
                error = error.getCause();
            }
            if (error instanceof SinkStoppedException stopped) {
                throw stopped;
            }
            if (error != null) {
                throw new SinkStoppedException("sending to Braze failed: " + error, error);
            }
        }
    }

    private record Item(OutputLine line, Payload.Send send) {
    }
}
