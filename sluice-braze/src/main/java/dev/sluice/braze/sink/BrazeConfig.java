package dev.sluice.braze.sink;

import dev.sluice.core.rate.RateLimit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * How to reach a Braze workspace and how hard to push it. {@link #toString()} never shows the key.
 *
 * @param endpoint {@code /users/track}, or {@code /users/track/bulk} for contracts that have it
 * @param maxObjectsPerRequest 75 on current contracts, 50 on some MAU contracts, 1,000 for bulk
 * @param maxBodyBytes 4 MB (Braze answers 413 above it), 2 MB for bulk
 * @param rateLimit the workspace budget, or null for none
 * @param maxAttempts attempts per request for 429, 5xx, timeouts and resets
 * @param bulkHeader send {@code X-Braze-Bulk: true}, Braze's hint for backfills
 */
public record BrazeConfig(
        URI apiUrl,
        String apiKey,
        String endpoint,
        int maxObjectsPerRequest,
        int maxBodyBytes,
        int concurrency,
        RateLimit rateLimit,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxAttempts,
        boolean bulkHeader) {

    public static final int DEFAULT_CONCURRENCY = 160;

    public BrazeConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("no Braze API key: set BRAZE_API_KEY");
        }
        if (concurrency < 1 || maxObjectsPerRequest < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("concurrency, objects per request and attempts must be at least 1");
        }
        String url = apiUrl.toString();
        apiUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Braze's documented defaults for {@code /users/track} against {@code apiUrl}. */
    public static BrazeConfig defaults(URI apiUrl, String apiKey) {
        return new BrazeConfig(apiUrl, apiKey, "/users/track", 75, 4 * 1024 * 1024, DEFAULT_CONCURRENCY,
                new RateLimit(3000, Duration.ofSeconds(3)), Duration.ofSeconds(10), Duration.ofSeconds(60), 10, true);
    }

    public BrazeConfig withConcurrency(int n) {
        return new BrazeConfig(apiUrl, apiKey, endpoint, maxObjectsPerRequest, maxBodyBytes, n, rateLimit,
                connectTimeout, responseTimeout, maxAttempts, bulkHeader);
    }

    public BrazeConfig withRateLimit(RateLimit limit) {
        return new BrazeConfig(apiUrl, apiKey, endpoint, maxObjectsPerRequest, maxBodyBytes, concurrency, limit,
                connectTimeout, responseTimeout, maxAttempts, bulkHeader);
    }

    public BrazeConfig withBatch(String endpoint, int maxObjects, int maxBytes) {
        return new BrazeConfig(apiUrl, apiKey, endpoint, maxObjects, maxBytes, concurrency, rateLimit,
                connectTimeout, responseTimeout, maxAttempts, bulkHeader);
    }

    public BrazeConfig withTimeouts(Duration connect, Duration response) {
        return new BrazeConfig(apiUrl, apiKey, endpoint, maxObjectsPerRequest, maxBodyBytes, concurrency, rateLimit,
                connect, response, maxAttempts, bulkHeader);
    }

    public BrazeConfig withMaxAttempts(int attempts) {
        return new BrazeConfig(apiUrl, apiKey, endpoint, maxObjectsPerRequest, maxBodyBytes, concurrency, rateLimit,
                connectTimeout, responseTimeout, attempts, bulkHeader);
    }

    /**
     * The destination's identity in the ledger: the endpoint and a fingerprint of the key, so one file
     * sent to two workspaces is two jobs, and the key itself is never stored.
     */
    public String destinationId() {
        return "braze " + apiUrl + endpoint + " key:" + fingerprint(apiKey);
    }

    private static String fingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "BrazeConfig[" + apiUrl + endpoint + ", key " + fingerprint(apiKey) + ", " + maxObjectsPerRequest
                + " objects/request, concurrency " + concurrency + ", rate " + (rateLimit == null ? "none" : rateLimit) + "]";
    }
}
