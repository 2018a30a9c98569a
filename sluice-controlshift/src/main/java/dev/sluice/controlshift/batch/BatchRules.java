package dev.sluice.controlshift.batch;

import java.time.Duration;

/**
 * When an incremental batch closes and how its loading is retried. A batch closes when any rule fires;
 * the age rule is checked by the worker's timer, so a lone file is loaded without waiting for another.
 * FULL files are never merged: each is a batch of its own.
 *
 * @param maxFiles close at this many files (ControlShift's own setup uses 1)
 * @param maxAge close when the oldest file has waited this long
 * @param maxBytes close at this many bytes of CSV (decompressed)
 * @param lease how long a worker may hold a batch; a LOCKED batch whose lease ran out is taken up again.
 *     Longer than the longest load (the target's statement timeout)
 * @param maxAttempts lock attempts before a batch that keeps failing transiently (or killing its worker) is ERROR
 * @param retryBackoff wait before a batch released after a transient failure is taken again
 */
public record BatchRules(int maxFiles, Duration maxAge, long maxBytes, Duration lease, int maxAttempts, Duration retryBackoff) {
    public BatchRules {
        if (maxFiles < 1 || maxBytes < 1 || maxAttempts < 1 || maxAge.isNegative() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("batch rules must be positive: " + maxFiles + " files, " + maxAge + ", "
                    + maxBytes + " bytes, lease " + lease + ", " + maxAttempts + " attempts");
        }
    }

    public static BatchRules defaults() {
        return new BatchRules(1, Duration.ofMinutes(2), 1L << 30, Duration.ofMinutes(30), 5, Duration.ofMinutes(1));
    }
}
