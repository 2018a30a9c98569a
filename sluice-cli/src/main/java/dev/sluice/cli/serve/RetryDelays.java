package dev.sluice.cli.serve;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a file whose import stopped (the destination down, a revoked key) waits before serve tries
 * it again: 30 s, doubling up to 15 min. Without it a stopped file would be taken up again at every
 * look, every few seconds, hammering a destination that just refused it. A stop on SIGTERM does not
 * matter here: the process is ending.
 */
final class RetryDelays {
    static final Duration FIRST = Duration.ofSeconds(30);
    static final Duration MAX = Duration.ofMinutes(15);

    private record Waiting(int stops, long notBeforeNanos) { }

    private final Map<String, Waiting> waiting = new HashMap<>();

    /** Records a stop and returns how long the file now waits. */
    synchronized Duration stopped(String claimKey) {
        int stops = waiting.containsKey(claimKey) ? waiting.get(claimKey).stops() + 1 : 1;
        Duration delay = delay(stops);
        waiting.put(claimKey, new Waiting(stops, System.nanoTime() + delay.toNanos()));
        return delay;
    }

    synchronized boolean waiting(String claimKey) {
        Waiting w = waiting.get(claimKey);
        return w != null && System.nanoTime() - w.notBeforeNanos() < 0;
    }

    synchronized void forget(String claimKey) {
        waiting.remove(claimKey);
    }

    static Duration delay(int stops) {
        long seconds = FIRST.toSeconds() << Math.min(stops - 1, 10);
        return seconds >= MAX.toSeconds() ? MAX : Duration.ofSeconds(seconds);
    }
}
