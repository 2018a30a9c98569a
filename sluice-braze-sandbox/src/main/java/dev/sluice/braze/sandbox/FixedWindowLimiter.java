package dev.sluice.braze.sandbox;

import dev.sluice.core.rate.RateLimit;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fixed window per API key, windows aligned to multiples of the period since the epoch (like
 * Braze's {@code X-RateLimit-Reset}, which is a wall-clock second, not a per-client timer).
 * Requests it refuses do not use up the window, so a client that backs off until the reset
 * time always gets its full quota in the next window.
 */
final class FixedWindowLimiter {

    /** What the limiter decided for one request, and the headers that tell the client about it. */
    record Decision(boolean allowed, Map<String, String> headers) {

        private static final Decision UNLIMITED = new Decision(true, Map.of());

        static Decision of(boolean allowed, int limit, int remaining, long resetEpochSeconds) {
            return new Decision(allowed, Map.of(
                    "X-RateLimit-Limit", Integer.toString(limit),
                    "X-RateLimit-Remaining", Integer.toString(remaining),
                    "X-RateLimit-Reset", Long.toString(resetEpochSeconds)));
        }
    }

    private static final class Window {
        long index = Long.MIN_VALUE;
        int used;
        long resetEpochSeconds;
    }

    private final RateLimit limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @param limit {@code null} means unlimited: every request is allowed and no headers are sent */
    FixedWindowLimiter(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    Decision acquire(String apiKey) {
        if (limit == null) {
            return Decision.UNLIMITED;
        }
        Window window = windows.computeIfAbsent(apiKey, k -> new Window());
        synchronized (window) {
            roll(window);
            boolean allowed = window.used < limit.requests();
            if (allowed) {
                window.used++;
            }
            return Decision.of(allowed, limit.requests(), limit.requests() - window.used, window.resetEpochSeconds);
        }
    }

    /** The key's window as it stands, without using it up: what a request that never reached the limiter reports. */
    Decision current(String apiKey) {
        return limit == null ? Decision.UNLIMITED : peek(apiKey, true);
    }

    /**
     * The key's window as a refusal, without using it up: what an injected 429 reports. With no
     * limit configured the "window" is the current second.
     */
    Decision refusal(String apiKey) {
        if (limit == null) {
            return new Decision(false, Map.of(
                    "X-RateLimit-Remaining", "0",
                    "X-RateLimit-Reset", Long.toString(ceilSeconds(clock.millis() + 1))));
        }
        return peek(apiKey, false);
    }

    private Decision peek(String apiKey, boolean allowed) {
        Window window = windows.computeIfAbsent(apiKey, k -> new Window());
        synchronized (window) {
            roll(window);
            int remaining = allowed ? limit.requests() - window.used : 0;
            return Decision.of(allowed, limit.requests(), remaining, window.resetEpochSeconds);
        }
    }

    void reset() {
        windows.clear();
    }

    /** Moves the window on to the one that contains now; never back, should two threads read the clock apart. */
    private void roll(Window window) {
        long periodMillis = limit.period().toMillis();
        long index = Math.floorDiv(clock.millis(), periodMillis);
        if (index > window.index) {
            window.index = index;
            window.used = 0;
            window.resetEpochSeconds = ceilSeconds((index + 1) * periodMillis);
        }
    }

    private static long ceilSeconds(long epochMillis) {
        return -Math.floorDiv(-epochMillis, 1000);
    }
}
