package dev.sluice.cli;

import java.util.ArrayDeque;

/**
 * Rows per second over the last few seconds, for the progress line: an average since the start would
 * hide a slowdown (a 429 storm, a slow destination) behind the good minutes before it.
 */
final class RecentRate {
    private record Sample(long nanos, long rows) { }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    RecentRate(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Adds a reading and returns the rate over the window it closes (0 until two readings exist). */
    double add(long nanos, long rows) {
        samples.addLast(new Sample(nanos, rows));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long elapsed = nanos - first.nanos();
        return elapsed <= 0 ? 0 : (rows - first.rows()) * 1e9 / elapsed;
    }
}
