package dev.sluice.dynamodb.sink;

import dev.sluice.core.rate.RateLimit;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket for {@code --max-wcu-per-second}: it holds at most one period's budget, refills
 * continuously, and lets a caller take more than is left by going into debt; the caller then waits
 * until the debt is paid off, and later callers wait behind it. So the long-run rate never exceeds
 * the limit, a request larger than the whole budget still goes (alone), and nothing spins.
 */
final class WcuPacer {
    private final double capacity;
    private final double unitsPerNano;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double available;
    private long refilledAt;

    WcuPacer(RateLimit limit, LongSupplier nanoClock, Sleeper sleeper) {
        this.capacity = limit.requests();
        this.unitsPerNano = limit.requests() / (double) limit.period().toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.available = capacity;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** The write capacity units one item of {@code sizeBytes} consumes: one per started KB, at least one. */
    static long wcu(int sizeBytes) {
        return Math.max(1, (sizeBytes + 1023L) / 1024);
    }

    /** Takes {@code units} and returns how long the caller must wait before using them. */
    synchronized Duration reserve(long units) {
        long now = nanoClock.getAsLong();
        available = Math.min(capacity, available + (now - refilledAt) * unitsPerNano);
        refilledAt = now;
        available -= units;
        if (available >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-available / unitsPerNano));
    }

    /** Takes {@code units}, waiting as long as the budget requires. */
    void acquire(long units) throws InterruptedException {
        Duration wait = reserve(units);
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }
}
