package dev.sluice.dynamodb.sink;

import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.core.engine.SinkStats;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.core.rate.RateLimit;
import dev.sluice.dynamodb.item.DynamoItem;
import dev.sluice.dynamodb.item.KeySchema;
import dev.sluice.dynamodb.sink.DynamoErrors.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes {@link DynamoItem}s to one DynamoDB table (dynamodb.md §5.4–5.5).
 *
 * <ul>
 * <li>{@link WriteMode#PUT}: one {@code BatchWriteItem} of PutRequests per batch (at most 25). Rows of
 * one batch with the same key are collapsed first, the last row winning and each earlier one
 * {@link Outcome.Skipped skipped} ({@value #DUPLICATE_IN_BATCH}), because DynamoDB refuses a whole
 * batch with a duplicate key. {@code UnprocessedItems} are sent again, only they, with backoff.</li>
 * <li>{@link WriteMode#UPSERT}, {@link WriteMode#INSERT_ONLY}, {@link WriteMode#UPDATE_ONLY}: one
 * {@code UpdateItem} or conditional {@code PutItem} per item, the items of a batch one after another
 * in the same task, so the rows of one key keep their order. A failed condition skips the row
 * ({@value #ALREADY_EXISTS} / {@value #DOES_NOT_EXIST}).</li>
 * </ul>
 *
 * <p><b>Failures.</b> Throttling ({@code ProvisionedThroughputExceededException},
 * {@code ThrottlingException}, {@code RequestLimitExceeded}, unprocessed items), 5xx and network
 * failures are retried with exponential backoff and jitter ({@link DynamoConfig#baseBackoff()} up to
 * {@link DynamoConfig#maxBackoff()}) up to {@link DynamoConfig#maxAttempts()} calls; when they run
 * out the batch completes exceptionally with a {@link SinkStoppedException} and the job stops at its
 * checkpoint: unwritten rows are never counted as done. A {@code ValidationException} (a bad value,
 * an item over 400 KB, a key of the wrong type) on a batch bisects it, in order, until the refused
 * items are alone; they are {@link Outcome.Rejected rejected} with DynamoDB's message and the rest are
 * written. A missing table, refused credentials or a missing permission stop the job with a message
 * that says what to fix; it quotes DynamoDB's error, never credentials.
 *
 * <p><b>The client.</b> The caller builds and owns the (synchronous) client; {@link #close()} does not
 * close it. The sink makes its calls on its own pool of {@link DynamoConfig#concurrency()} threads.
 * The SDK's own retry strategy runs inside each call the sink makes (the CLI should keep the
 * standard strategy); the sink's loop is the outer one, and the only one that sends
 * {@code UnprocessedItems} again, which the SDK treats as a success.
 *
 * <p><b>Idempotency.</b> Every mode leaves the table as one write would when a batch is sent twice
 * (after a crash, at most the in-flight window is): puts of the same content, {@code SET} of the same
 * values, conditional writes. A replayed insert-only row that was written before the crash comes
 * back {@link Outcome.Skipped skipped}, not accepted; the counts still reconcile.
 */
public final class DynamoSink implements Sink<DynamoItem> {
    /** BatchWriteItem's limit on requests per call. */
    public static final int MAX_BATCH_ITEMS = 25;
    /** BatchWriteItem's limit on the payload of one call. */
    public static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;
    /** What {@link #limits()} returns, for callers that need it without a sink (a dry run). */
    public static final SinkLimits LIMITS = new SinkLimits(MAX_BATCH_ITEMS, MAX_BATCH_BYTES);

    static final String DUPLICATE_IN_BATCH = "duplicate key in the batch: a later row of the file wins";
    static final String ALREADY_EXISTS = "already exists";
    static final String DOES_NOT_EXIST = "does not exist";
    private static final String RESUME = " The job stopped at its checkpoint; rows not yet written were not"
            + " counted. Fix the cause and run the same command to resume.";
    private static final Pattern ALIAS = Pattern.compile("(#a|:v)\\d+\\b");
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DynamoDbClient client;
    private final DynamoConfig config;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final WcuPacer pacer;
    private final ExecutorService pool;
    private final List<String> keyNames;
    private final String region;
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttles = new LongAdder();
    private final LongAdder collapsed = new LongAdder();
    private final DoubleAdder consumed = new DoubleAdder();

    private DynamoSink(DynamoDbClient client, DynamoConfig config, Sleeper sleeper, LongSupplier nanoClock,
            DoubleSupplier jitter) {
        this.client = client;
        this.config = config;
        this.sleeper = sleeper;
        this.backoff = new Backoff(config.baseBackoff(), config.maxBackoff(), jitter);
        this.pacer = config.maxWcuPerSecond() == null ? null
                : new WcuPacer(new RateLimit(config.maxWcuPerSecond(), Duration.ofSeconds(1)), nanoClock, sleeper);
        KeySchema key = config.key();
        this.keyNames = key.sort() == null ? List.of(key.partition().name())
                : List.of(key.partition().name(), key.sort().name());
        this.region = regionOf(client);
        this.pool = new ThreadPoolExecutor(config.concurrency(), config.concurrency(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads());
    }

    /**
     * A sink writing to {@code config.table()} through {@code client}, which the caller keeps and
     * closes. Opening makes no call: a missing table or bad credentials show on the first batch.
     */
    public static DynamoSink open(DynamoDbClient client, DynamoConfig config) {
        return open(client, config, Sleeper.SYSTEM, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: waits, the clock of the WCU cap and the backoff jitter supplied. */
    static DynamoSink open(DynamoDbClient client, DynamoConfig config, Sleeper sleeper, LongSupplier nanoClock,
            DoubleSupplier jitter) {
        return new DynamoSink(client, config, sleeper, nanoClock, jitter);
    }

    /** 25 items and 16 MB, in every mode (the per-item modes write a batch item by item). */
    @Override
    public SinkLimits limits() {
        return LIMITS;
    }

    /** True in every mode: puts and {@code SET}s of the same values, and conditional writes, can be repeated. */
    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public int maxInFlight() {
        return config.concurrency();
    }

    /** API calls made (the SDK's own retries inside a call not counted) and calls that were retries. */
    @Override
    public SinkStats stats() {
        return new SinkStats(requests.sum(), retries.sum());
    }

    /** Throttling answers seen: throttling exceptions, and responses with unprocessed items. */
    public long throttles() {
        return throttles.sum();
    }

    /** Rows skipped because a later row of the same batch had the same key ({@link WriteMode#PUT}). */
    public long duplicatesCollapsed() {
        return collapsed.sum();
    }

    /** Write capacity units DynamoDB reported consumed ({@code ReturnConsumedCapacity=TOTAL}). */
    public double consumedCapacityUnits() {
        return consumed.sum();
    }

    public DynamoConfig config() {
        return config;
    }

    @Override
    public CompletableFuture<List<Outcome>> write(List<DynamoItem> items) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(List.of()); // DynamoDB refuses an empty batch
        }
        List<DynamoItem> batch = List.copyOf(items);
        CompletableFuture<List<Outcome>> result = new CompletableFuture<>();
        try {
            pool.execute(() -> run(batch, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SinkStoppedException("the DynamoDB sink for table '" + config.table()
                    + "' is closed; no more batches can be written." + RESUME, e));
        }
        return result;
    }

    private void run(List<DynamoItem> batch, CompletableFuture<List<Outcome>> result) {
        try {
            result.complete(config.mode() == WriteMode.PUT ? writeBatch(batch) : writeEach(batch));
        } catch (SinkStoppedException e) {
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new SinkStoppedException("writing to DynamoDB table '" + config.table()
                    + "' was interrupted (the sink is closing)." + RESUME, e));
        } catch (Throwable e) {
            result.completeExceptionally(new SinkStoppedException("unexpected failure writing to DynamoDB table '"
                    + config.table() + "': " + DynamoErrors.describe(e) + "." + RESUME, e));
        }
    }

    // ---- put: BatchWriteItem ----

    private List<Outcome> writeBatch(List<DynamoItem> items) throws InterruptedException {
        Outcome[] outcomes = new Outcome[items.size()];
        Map<Map<String, AttributeValue>, Integer> last = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            last.put(items.get(i).key(), i);
        }
        List<Integer> send = new ArrayList<>(last.size());
        for (int i = 0; i < items.size(); i++) {
            if (last.get(items.get(i).key()) == i) {
                send.add(i);
            } else {
                outcomes[i] = new Outcome.Skipped(DUPLICATE_IN_BATCH);
                collapsed.increment();
            }
        }
        for (int from = 0; from < send.size(); from += MAX_BATCH_ITEMS) {
            putAll(items, send.subList(from, Math.min(send.size(), from + MAX_BATCH_ITEMS)), outcomes);
        }
        return List.of(outcomes);
    }

    /**
     * Writes the items at {@code indexes} (distinct keys, at most 25): sends again what comes back
     * unprocessed or throttled, and bisects on a refusal.
     */
    private void putAll(List<DynamoItem> items, List<Integer> indexes, Outcome[] outcomes) throws InterruptedException {
        Map<Integer, WriteRequest> writes = new LinkedHashMap<>();
        Map<Map<String, AttributeValue>, Integer> byKey = new HashMap<>();
        for (int i : indexes) {
            Map<String, AttributeValue> item = fullItem(items.get(i));
            writes.put(i, WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            byKey.put(keyOf(item), i);
        }
        List<Integer> pending = indexes;
        for (int attempt = 1; ; attempt++) {
            charge(items, pending);
            List<WriteRequest> sent = pending.stream().map(writes::get).toList();
            BatchWriteItemRequest request = BatchWriteItemRequest.builder()
                    .requestItems(Map.of(config.table(), sent))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .build();
            Failure failure;
            try {
                BatchWriteItemResponse response = call(attempt, () -> client.batchWriteItem(request));
                if (response.consumedCapacity() != null) {
                    response.consumedCapacity().forEach(this::consumed);
                }
                List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(config.table(), List.of()) : List.of();
                Set<Integer> left = indexesOf(unprocessed, byKey);
                for (int i : pending) {
                    if (!left.contains(i)) {
                        outcomes[i] = Outcome.ACCEPTED;
                    }
                }
                if (left.isEmpty()) {
                    return;
                }
                throttles.increment();
                pending = pending.stream().filter(left::contains).toList();
                failure = new Failure(Kind.THROTTLED, left.size() + " of " + sent.size()
                        + " items came back unprocessed", null);
            } catch (SdkException e) {
                Kind kind = DynamoErrors.classify(e);
                switch (kind) {
                    case REFUSED, CONDITION -> {
                        refused(items, pending, outcomes, e);
                        return;
                    }
                    case THROTTLED, TRANSIENT -> {
                        if (kind == Kind.THROTTLED) {
                            throttles.increment();
                        }
                        failure = new Failure(kind, DynamoErrors.describe(e), e);
                    }
                    default -> throw stop(kind, e, "BatchWriteItem");
                }
            }
            retryOrStop(attempt, failure, pending.size(), "BatchWriteItem");
        }
    }

    /** A single refused item is rejected; a larger refused batch is split in halves, sent in order. */
    private void refused(List<DynamoItem> items, List<Integer> pending, Outcome[] outcomes, SdkException e)
            throws InterruptedException {
        if (pending.size() == 1) {
            outcomes[pending.get(0)] = new Outcome.Rejected(refusal(e, Map.of()));
            return;
        }
        int middle = pending.size() / 2;
        putAll(items, pending.subList(0, middle), outcomes);
        putAll(items, pending.subList(middle, pending.size()), outcomes);
    }

    private Set<Integer> indexesOf(List<WriteRequest> unprocessed, Map<Map<String, AttributeValue>, Integer> byKey) {
        Set<Integer> left = new HashSet<>();
        for (WriteRequest write : unprocessed) {
            Integer index = write.putRequest() == null ? null : byKey.get(keyOf(write.putRequest().item()));
            if (index == null) {
                throw new SinkStoppedException("DynamoDB returned an unprocessed item for table '" + config.table()
                        + "' that this batch did not send (is the key schema " + keyNames + " right?)." + RESUME);
            }
            left.add(index);
        }
        return left;
    }

    // ---- upsert, insert-only, update-only: one call per item ----

    private List<Outcome> writeEach(List<DynamoItem> items) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (DynamoItem item : items) {
            outcomes.add(writeOne(item));
        }
        return outcomes;
    }

    private Outcome writeOne(DynamoItem item) throws InterruptedException {
        Map<String, String> aliases = new HashMap<>();
        String operation = config.mode() == WriteMode.INSERT_ONLY ? "PutItem" : "UpdateItem";
        Supplier<ConsumedCapacity> send;
        if (config.mode() == WriteMode.INSERT_ONLY) {
            PutItemRequest request = insertRequest(item);
            send = () -> client.putItem(request).consumedCapacity();
        } else {
            UpdateItemRequest request = updateRequest(item, aliases);
            send = () -> client.updateItem(request).consumedCapacity();
        }
        for (int attempt = 1; ; attempt++) {
            if (pacer != null) {
                pacer.acquire(WcuPacer.wcu(item.sizeBytes()));
            }
            Failure failure;
            try {
                consumed(call(attempt, send));
                return Outcome.ACCEPTED;
            } catch (SdkException e) {
                Kind kind = DynamoErrors.classify(e);
                switch (kind) {
                    case CONDITION -> {
                        if (config.mode() == WriteMode.INSERT_ONLY) {
                            return new Outcome.Skipped(ALREADY_EXISTS);
                        }
                        if (config.mode() == WriteMode.UPDATE_ONLY) {
                            return new Outcome.Skipped(DOES_NOT_EXIST);
                        }
                        return new Outcome.Rejected(refusal(e, aliases));
                    }
                    case REFUSED -> {
                        return new Outcome.Rejected(refusal(e, aliases));
                    }
                    case THROTTLED, TRANSIENT -> {
                        if (kind == Kind.THROTTLED) {
                            throttles.increment();
                        }
                        failure = new Failure(kind, DynamoErrors.describe(e), e);
                    }
                    default -> throw stop(kind, e, operation);
                }
            }
            retryOrStop(attempt, failure, 1, operation);
        }
    }

    private PutItemRequest insertRequest(DynamoItem item) {
        return PutItemRequest.builder()
                .tableName(config.table())
                .item(fullItem(item))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", keyNames.get(0)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();
    }

    /**
     * {@code SET #a0 = :v0, #a1 = :v1, …} over the item's non-key attributes in name order, every
     * name aliased so reserved words, spaces, dots, {@code #} and {@code :} are literal top-level
     * names. An item with nothing but its key gets no expression: UpdateItem then creates the item if
     * it is absent and changes nothing if it exists. Fills {@code aliases} (alias → attribute name) so
     * DynamoDB's messages can be explained.
     */
    UpdateItemRequest updateRequest(DynamoItem item, Map<String, String> aliases) {
        Set<String> keyAttributes = new HashSet<>(keyNames);
        keyAttributes.addAll(item.key().keySet());
        Map<String, AttributeValue> set = new TreeMap<>();
        item.attributes().forEach((name, value) -> {
            if (!keyAttributes.contains(name)) {
                set.put(name, value);
            }
        });
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder expression = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, AttributeValue> attribute : set.entrySet()) {
            String name = "#a" + n;
            String value = ":v" + n;
            names.put(name, attribute.getKey());
            values.put(value, attribute.getValue());
            aliases.put(name, attribute.getKey());
            aliases.put(value, attribute.getKey());
            expression.append(n == 0 ? "SET " : ", ").append(name).append(" = ").append(value);
            n++;
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(config.table())
                .key(item.key())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (config.mode() == WriteMode.UPDATE_ONLY) {
            names.put("#pk", keyNames.get(0));
            request.conditionExpression("attribute_exists(#pk)");
        }
        if (n > 0) {
            request.updateExpression(expression.toString()).expressionAttributeValues(values);
        }
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        return request.build();
    }

    // ---- shared ----

    private <R> R call(int attempt, Supplier<R> call) {
        requests.increment();
        if (attempt > 1) {
            retries.increment();
        }
        return call.get();
    }

    private record Failure(Kind kind, String reason, Throwable cause) { }

    /** Waits before the next attempt, or stops the job when the attempts are used up. */
    private void retryOrStop(int attempt, Failure failure, int items, String operation) throws InterruptedException {
        if (attempt >= config.maxAttempts()) {
            throw exhausted(failure, attempt, items, operation);
        }
        sleeper.sleep(backoff.delay(attempt));
    }

    private void charge(List<DynamoItem> items, Collection<Integer> indexes) throws InterruptedException {
        if (pacer == null) {
            return;
        }
        long units = 0;
        for (int i : indexes) {
            units += WcuPacer.wcu(items.get(i).sizeBytes());
        }
        pacer.acquire(units);
    }

    private void consumed(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            consumed.add(capacity.capacityUnits());
        }
    }

    /** The item to put: its attributes with its key attributes. */
    private static Map<String, AttributeValue> fullItem(DynamoItem item) {
        if (item.attributes().entrySet().containsAll(item.key().entrySet())) {
            return item.attributes();
        }
        Map<String, AttributeValue> all = new HashMap<>(item.attributes());
        all.putAll(item.key());
        return all;
    }

    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>(keyNames.size() * 2);
        for (String name : keyNames) {
            key.put(name, item.get(name));
        }
        return key;
    }

    /** DynamoDB's reason for refusing one item, with the attribute behind any alias it names. */
    private static String refusal(SdkException e, Map<String, String> aliases) {
        String code = e instanceof AwsServiceException service
                ? DynamoErrors.code(service) : null;
        String message = DynamoErrors.message(e);
        StringBuilder reason = new StringBuilder("DynamoDB refused the item");
        if (code != null) {
            reason.append(" (").append(code).append(')');
        }
        reason.append(": ").append(message);
        Matcher m = ALIAS.matcher(message);
        Map<String, String> named = new LinkedHashMap<>();
        while (m.find()) {
            String attribute = aliases.get(m.group());
            if (attribute != null) {
                named.putIfAbsent(m.group(), attribute);
            }
        }
        named.forEach((alias, attribute) -> reason.append(" [").append(alias).append(" is attribute \"")
                .append(attribute).append("\"]"));
        return reason.toString();
    }

    private SinkStoppedException exhausted(Failure failure, int attempts, int items, String operation) {
        String what = items == 1 ? "1 item" : items + " items";
        if (failure.kind() == Kind.THROTTLED) {
            return new SinkStoppedException("DynamoDB kept throttling " + operation + " on table '" + config.table()
                    + "'" + where() + ": " + what + " still unwritten after " + attempts + " attempts (last: "
                    + failure.reason() + "). Lower --concurrency or set --max-wcu-per-second, or raise the table's"
                    + " write capacity (or switch it to on-demand)." + RESUME, failure.cause());
        }
        return new SinkStoppedException("DynamoDB " + operation + " on table '" + config.table() + "'" + where()
                + " kept failing: " + what + " still unwritten after " + attempts + " attempts (last: "
                + failure.reason() + "). Check the network and the AWS endpoint." + RESUME, failure.cause());
    }

    private SinkStoppedException stop(Kind kind, SdkException e, String operation) {
        String table = "table '" + config.table() + "'" + where();
        String said = DynamoErrors.describe(e);
        String message = switch (kind) {
            case NO_TABLE -> "DynamoDB " + table + " was not found (" + said + "). Check the table name (it is"
                    + " case-sensitive) and the region (AWS_REGION, AWS_PROFILE), or create the table.";
            case ACCESS -> "DynamoDB refused " + operation + " on " + table + " (" + said + "). "
                    + accessHint(e, operation);
            default -> e instanceof AwsServiceException
                    ? "DynamoDB answered " + said + " to " + operation + " on " + table + "."
                    : "could not call DynamoDB " + operation + " on " + table + ": " + said + "." + clientHint(e);
        };
        return new SinkStoppedException(message + RESUME, e);
    }

    private static String accessHint(SdkException e, String operation) {
        String code = e instanceof AwsServiceException service
                ? DynamoErrors.code(service) : null;
        if ("AccessDeniedException".equals(code) || "AccessDenied".equals(code) || "NotAuthorized".equals(code)) {
            return "The AWS identity in use needs the dynamodb:" + operation + " permission on the table.";
        }
        return "Check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                + " AWS_SESSION_TOKEN, or the instance or task role) and that they have not expired.";
    }

    private static String clientHint(SdkException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("credentials")) {
            return " Configure AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role).";
        }
        if (text.contains("region")) {
            return " Set the region (AWS_REGION or --region).";
        }
        return "";
    }

    private String where() {
        return region == null ? "" : " in " + region;
    }

    private static String regionOf(DynamoDbClient client) {
        try {
            var region = client.serviceClientConfiguration().region();
            return region == null ? null : region.id();
        } catch (RuntimeException e) {
            return null; // DynamoDB Local's embedded client, wrappers: no configuration to read
        }
    }

    private static ThreadFactory threads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "sluice-dynamodb-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops taking batches, lets running ones finish for a few seconds, then interrupts them. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DynamoSink[table " + config.table() + where() + ", " + config.mode() + ", concurrency "
                + config.concurrency() + (config.maxWcuPerSecond() == null ? "" : ", max "
                + config.maxWcuPerSecond() + " WCU/s") + "]";
    }
}
