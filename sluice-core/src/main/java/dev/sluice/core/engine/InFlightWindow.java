package dev.sluice.core.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Bounds the batches sent but not yet behind the checkpoint, and keeps one key out of two concurrent
 * batches.
 * <ul>
 *   <li>A slot is taken when a batch is sent and given back only when a saved checkpoint covers it.
 *   So however long one batch takes (a hang, a 429 wait), the batches finished after it never pile
 *   up beyond the window, and a crash re-sends at most the window.</li>
 *   <li>A batch that shares a key with one in flight waits for it, so a destination that does not
 *   order concurrent requests (Braze) still sees a user's rows in file order. Keys are freed as soon
 *   as the batch is answered.</li>
 * </ul>
 */
final class InFlightWindow {
    private final int capacity;
    private final Map<String, Integer> keys = new HashMap<>();
    private int uncheckpointed;
    private int inFlight;

    InFlightWindow(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Waits for a slot and for every key to be free; returns false, admitting nothing, as soon as
     * {@code stop} is true (checked before each admission, so a stopping job sends nothing more).
     */
    synchronized boolean admit(List<String> batchKeys, BooleanSupplier stop) throws InterruptedException {
        while (true) {
            if (stop.getAsBoolean()) {
                return false;
            }
            if (uncheckpointed < capacity && !sharesKey(batchKeys)) {
                break;
            }
            wait(50);
        }
        uncheckpointed++;
        inFlight++;
        for (String key : batchKeys) {
            keys.merge(key, 1, Integer::sum);
        }
        return true;
    }

    /** The destination answered (or failed) the batch: its keys are free. */
    synchronized void answered(List<String> batchKeys) {
        inFlight--;
        for (String key : batchKeys) {
            keys.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        }
        notifyAll();
    }

    /** A saved checkpoint covers a sent batch: its slot is free. */
    synchronized void checkpointed() {
        uncheckpointed--;
        notifyAll();
    }

    /** Waits until no batch awaits an answer or the deadline passes; returns whether it emptied. */
    synchronized boolean awaitAnswered(long deadlineNanos) throws InterruptedException {
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
