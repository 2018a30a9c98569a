package dev.sluice.braze.sandbox;

import dev.sluice.core.rate.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link BrazeSandbox} is started with. Start from {@link #defaults()} and change
 * what you need with the {@code with...} methods.
 *
 * @param port                 TCP port on 127.0.0.1; 0 picks a free one
 * @param apiKey               the only key accepted in {@code Authorization: Bearer <key>}
 * @param rateLimit            requests per fixed window per key; {@code null} = unlimited (and no
 *                             rate-limit headers)
 * @param latency              added before every {@code /users/track} response (or reset), without
 *                             holding a thread
 * @param faults               random faults
 * @param seed                 seed of the random generator that draws the faults
 * @param maxObjectsPerRequest attributes + events + purchases objects allowed in one request (75;
 *                             {@value #BULK_MAX_OBJECTS} for {@code /users/track/bulk} contracts)
 * @param maxBodyBytes         larger bodies get 413
 * @param storeProfiles        whether accepted objects are stored; off, the sandbox only validates
 *                             and counts (benchmarks that need no read-back save the heap)
 * @param clock                the time rate-limit windows are measured in (tests move it by hand)
 */
public record SandboxConfig(
        int port,
        String apiKey,
        RateLimit rateLimit,
        Duration latency,
        FaultPlan faults,
        long seed,
        int maxObjectsPerRequest,
        long maxBodyBytes,
        boolean storeProfiles,
        Clock clock) {

    public static final String DEFAULT_API_KEY = "sandbox-api-key";
    public static final int DEFAULT_MAX_OBJECTS = 75;
    public static final int BULK_MAX_OBJECTS = 1000;
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

    /** Bodies are held in one array while parsed. */
    private static final long MAX_BODY_LIMIT = 1L << 30;

    public SandboxConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("the API key must be non-empty visible ASCII without spaces");
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + latency);
        }
        Objects.requireNonNull(faults, "faults");
        if (maxObjectsPerRequest < 1) {
            throw new IllegalArgumentException("maxObjectsPerRequest must be at least 1, got " + maxObjectsPerRequest);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("maxBodyBytes must be 1.." + MAX_BODY_LIMIT + ", got " + maxBodyBytes);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Braze's documented defaults: 3000 requests / 3 s, 75 objects, 4 MiB; no latency, no faults. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(0, DEFAULT_API_KEY, RateLimit.brazeDefault(), Duration.ZERO, FaultPlan.none(), 0L,
                DEFAULT_MAX_OBJECTS, DEFAULT_MAX_BODY_BYTES, true, Clock.systemUTC());
    }

    public SandboxConfig withPort(int port) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withApiKey(String apiKey) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    /** @param rateLimit {@code null} for unlimited */
    public SandboxConfig withRateLimit(RateLimit rateLimit) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withLatency(Duration latency) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withFaults(FaultPlan faults) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withSeed(long seed) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withMaxObjectsPerRequest(int maxObjectsPerRequest) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withMaxBodyBytes(long maxBodyBytes) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withStoreProfiles(boolean storeProfiles) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }

    public SandboxConfig withClock(Clock clock) {
        return new SandboxConfig(port, apiKey, rateLimit, latency, faults, seed, maxObjectsPerRequest, maxBodyBytes,
                storeProfiles, clock);
    }
}
