package dev.sluice.dynamodb.sink;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter above a floor: retry {@code n} (1, 2, …) waits a uniformly
 * random time between {@code base} and {@code min(max, base × 2^n)}. The floor keeps a throttled
 * call from being repeated at once; the jitter spreads the retries of batches throttled together.
 */
final class Backoff {
    private final long baseNanos;
    private final long maxNanos;
    private final DoubleSupplier jitter;

    /** @param jitter values in [0, 1): where between the floor and the ceiling a wait falls */
    Backoff(Duration base, Duration max, DoubleSupplier jitter) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.jitter = jitter;
    }

    /** The longest wait before retry {@code retry} (1 for the first retry). */
    Duration ceiling(int retry) {
        long ceiling = baseNanos;
        for (int i = 0; i < retry && ceiling < maxNanos; i++) {
            ceiling = ceiling > maxNanos / 2 ? maxNanos : Math.min(maxNanos, ceiling * 2);
        }
        return Duration.ofNanos(Math.max(baseNanos, Math.min(maxNanos, ceiling)));
    }

    /** A wait before retry {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        long ceiling = ceiling(retry).toNanos();
        double fraction = Math.min(1.0, Math.max(0.0, jitter.getAsDouble()));
        return Duration.ofNanos(baseNanos + (long) ((ceiling - baseNanos) * fraction));
    }
}
