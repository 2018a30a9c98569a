package dev.sluice.dynamodb.sink;

import dev.sluice.dynamodb.item.KeySchema;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link DynamoSink} writes.
 *
 * @param table           the table name, as DynamoDB spells it (case-sensitive in the service)
 * @param key             the table's key schema, from DescribeTable
 * @param mode            how a row reaches its item
 * @param concurrency     batches written at once (threads of the sink's pool); default 8
 * @param maxWcuPerSecond a cap on the write capacity the sink may use per second, estimated from item
 *                        sizes (1 WCU per started KB of each item); null for no cap
 * @param maxAttempts     calls per batch (per item in the per-item modes) for throttling, unprocessed
 *                        items, 5xx and network failures before the job stops; default 10
 * @param baseBackoff     the shortest wait before a retry; default 50 ms
 * @param maxBackoff      the longest wait before a retry; default 5 s
 */
public record DynamoConfig(String table, KeySchema key, WriteMode mode, int concurrency, Integer maxWcuPerSecond,
        int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofMillis(50);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    public DynamoConfig {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("no DynamoDB table name");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(key.partition(), "key.partition");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(baseBackoff, "baseBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + maxAttempts);
        }
        if (maxWcuPerSecond != null && maxWcuPerSecond < 1) {
            throw new IllegalArgumentException("--max-wcu-per-second must be at least 1, got " + maxWcuPerSecond);
        }
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= base <= max, got base " + baseBackoff
                    + ", max " + maxBackoff);
        }
    }

    /** {@link WriteMode#PUT}, 8 batches at once, no WCU cap, 10 attempts, backoff 50 ms to 5 s. */
    public static DynamoConfig defaults(String table, KeySchema key) {
        return new DynamoConfig(table, key, WriteMode.PUT, DEFAULT_CONCURRENCY, null, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BASE_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public DynamoConfig withMode(WriteMode m) {
        return new DynamoConfig(table, key, m, concurrency, maxWcuPerSecond, maxAttempts, baseBackoff, maxBackoff);
    }

    public DynamoConfig withConcurrency(int n) {
        return new DynamoConfig(table, key, mode, n, maxWcuPerSecond, maxAttempts, baseBackoff, maxBackoff);
    }

    /** @param wcu the cap, or null for none */
    public DynamoConfig withMaxWcuPerSecond(Integer wcu) {
        return new DynamoConfig(table, key, mode, concurrency, wcu, maxAttempts, baseBackoff, maxBackoff);
    }

    public DynamoConfig withMaxAttempts(int attempts) {
        return new DynamoConfig(table, key, mode, concurrency, maxWcuPerSecond, attempts, baseBackoff, maxBackoff);
    }

    public DynamoConfig withBackoff(Duration base, Duration max) {
        return new DynamoConfig(table, key, mode, concurrency, maxWcuPerSecond, maxAttempts, base, max);
    }

    public DynamoConfig withTable(String name) {
        return new DynamoConfig(name, key, mode, concurrency, maxWcuPerSecond, maxAttempts, baseBackoff, maxBackoff);
    }

    public DynamoConfig withKey(KeySchema schema) {
        return new DynamoConfig(table, schema, mode, concurrency, maxWcuPerSecond, maxAttempts, baseBackoff, maxBackoff);
    }
}
