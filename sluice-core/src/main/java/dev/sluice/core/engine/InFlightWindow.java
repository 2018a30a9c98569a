package dev.sluice.core.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Bounds the batches in flight (back-pressure on the reader) and keeps one key out of two concurrent
 * batches: a batch that shares a key with one in flight waits for it, so a destination that does not
 * order concurrent requests (Braze) still sees a user's rows in file order.
 */
final class InFlightWindow {
    private final int capacity;
    private final Map<String, Integer> keys = new HashMap<>();
    private int inFlight;

    InFlightWindow(int capacity) {
        this.capacity = capacity;
    }

    /** Waits for room and for every key to be free; returns false if {@code stop} turned true first. */
    synchronized boolean admit(List<String> batchKeys, BooleanSupplier stop) throws InterruptedException {
        while (inFlight >= capacity || sharesKey(batchKeys)) {
            if (stop.getAsBoolean()) {
                return false;
            }
            wait(50);
        }
        inFlight++;
        for (String key : batchKeys) {
            keys.merge(key, 1, Integer::sum);
        }
        return true;
    }

    synchronized void release(List<String> batchKeys) {
        inFlight--;
        for (String key : batchKeys) {
            keys.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        }
        notifyAll();
    }

    /** Waits until nothing is in flight or the deadline passes; returns whether it emptied. */
    synchronized boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
        while (inFlight > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 100)));
        }
        return true;
    }

    private boolean sharesKey(List<String> batchKeys) {
        if (keys.isEmpty()) {
            return false;
        }
        for (String key : batchKeys) {
            if (keys.containsKey(key)) {
                return true;
            }
        }
        return false;
    }
}
