package dev.sluice.dynamodb.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.dynamodb.item.DynamoItem;
import dev.sluice.dynamodb.item.KeySchema;
import dev.sluice.dynamodb.item.KeySchema.KeyAttribute;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Items built by hand, futures awaited, waits recorded instead of slept. */
final class SinkTestKit {

    /** Generous: a test that waits this long has failed, it has not been slow. */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** A table keyed by {@code id} (S). */
    static final KeySchema ID = new KeySchema(new KeyAttribute("id", ScalarAttributeType.S), null);

    private SinkTestKit() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    /**
     * An item of a table keyed by {@code id}: {@code id} plus {@code nameValues} (name, value,
     * name, value…; a String value is an S, an AttributeValue is itself). Its size is counted the way
     * DynamoDB does for S and N: UTF-8 names plus values.
     */
    static DynamoItem item(String id, Object... nameValues) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("id", s(id));
        for (int i = 0; i < nameValues.length; i += 2) {
            Object value = nameValues[i + 1];
            attributes.put((String) nameValues[i], value instanceof AttributeValue v ? v : s((String) value));
        }
        return item(attributes, Map.of("id", s(id)));
    }

    static DynamoItem item(Map<String, AttributeValue> attributes, Map<String, AttributeValue> key) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> a : attributes.entrySet()) {
            AttributeValue v = a.getValue();
            String text = v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
            size += a.getKey().getBytes(StandardCharsets.UTF_8).length + text.getBytes(StandardCharsets.UTF_8).length;
        }
        StringBuilder ordering = new StringBuilder();
        key.values().forEach(v -> ordering.append(v.s() != null ? v.s() : v.n()).append('\u0000'));
        return new DynamoItem(attributes, key, ordering.toString(), size);
    }

    /** {@code count} items {@code <prefix>0000…}, each with a name, a number and a padding string. */
    static List<DynamoItem> items(String prefix, int count) {
        List<DynamoItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item(String.format("%s%04d", prefix, i), "name", "user " + i, "score", n(Integer.toString(i * 7)),
                    "note", "x".repeat(i % 50)));
        }
        return items;
    }

    static List<List<DynamoItem>> batches(List<DynamoItem> items, int size) {
        List<List<DynamoItem>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }

    static List<Outcome> await(CompletableFuture<List<Outcome>> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the batch failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the batch did not complete within " + WAIT, e);
        }
    }

    /** Writes the batches at once (as the engine would, up to its window) and returns every outcome in order. */
    static List<Outcome> writeAll(DynamoSink sink, List<List<DynamoItem>> batches) {
        List<CompletableFuture<List<Outcome>>> futures = new ArrayList<>();
        for (List<DynamoItem> batch : batches) {
            futures.add(sink.write(batch));
        }
        List<Outcome> all = new ArrayList<>();
        for (CompletableFuture<List<Outcome>> future : futures) {
            all.addAll(await(future));
        }
        return all;
    }

    /** The stop a batch ended with; fails if it completed. */
    static SinkStoppedException stopped(CompletableFuture<List<Outcome>> future) {
        try {
            List<Outcome> outcomes = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected the sink to stop the job, but the batch completed with " + outcomes);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SinkStoppedException.class);
            return (SinkStoppedException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the batch did not complete within " + WAIT, e);
        }
    }

    /** Written content as DynamoDB returns it, keyed by id. */
    static Map<String, Map<String, AttributeValue>> byId(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> byId = new LinkedHashMap<>();
        items.forEach(item -> byId.put(item.get("id").s(), item));
        return byId;
    }

    /** Records the waits it is asked for and returns at once: no test sleeps. */
    static final class RecordingSleeper implements Sleeper {
        private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }

        List<Duration> waits() {
            synchronized (waits) {
                return List.copyOf(waits);
            }
        }
    }

    /** A sink whose waits are recorded, not slept, with the largest jitter (each wait = its ceiling). */
    static DynamoSink sink(software.amazon.awssdk.services.dynamodb.DynamoDbClient client, DynamoConfig config,
            RecordingSleeper sleeper) {
        return DynamoSink.open(client, config, sleeper, System::nanoTime, () -> 1.0);
    }
}
