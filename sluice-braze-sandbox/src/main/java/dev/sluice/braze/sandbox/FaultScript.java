package dev.sluice.braze.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deterministic faults for tests. {@code /users/track} requests are numbered as they arrive
 * (including those that fail authentication). When several rules match one request, the first
 * of these wins: {@link #afterRequests} (it names request numbers), then the {@link #next} queue
 * (it waits for the next request nobody else claimed), then {@link #always}; only then the
 * random {@link FaultPlan} of the configuration is consulted.
 */
public final class FaultScript {

    private record Span(long first, long last, Fault fault) {
    }

    private final Deque<Fault> queue = new ArrayDeque<>();
    private final List<Span> spans = new ArrayList<>();
    private Fault always;
    private long numbered;

    /** The next request gets {@code fault}; each call queues one more. */
    public synchronized FaultScript next(Fault fault) {
        return next(fault, 1);
    }

    /** The next {@code times} requests (after those already queued) get {@code fault}. */
    public synchronized FaultScript next(Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        requirePositive(times);
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
        return this;
    }

    /** Counting from now, requests {@code n+1} to {@code n+times} get {@code fault}. */
    public synchronized FaultScript afterRequests(int n, Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (n < 0) {
            throw new IllegalArgumentException("afterRequests needs n >= 0, got " + n);
        }
        requirePositive(times);
        spans.add(new Span(numbered + n + 1, numbered + n + times, fault));
        return this;
    }

    /** Every request gets {@code fault} until {@link #clear()}. */
    public synchronized FaultScript always(Fault fault) {
        always = Objects.requireNonNull(fault, "fault");
        return this;
    }

    /** Forgets every scripted fault (the random plan of the configuration stays). */
    public synchronized void clear() {
        queue.clear();
        spans.clear();
        always = null;
    }

    /** Scripted faults not used yet; {@link #always} is not counted. */
    public synchronized int pending() {
        long spanned = spans.stream().mapToLong(s -> s.last() - Math.max(s.first(), numbered + 1) + 1).sum();
        return queue.size() + (int) spanned;
    }

    /** Numbers the arriving request and returns its scripted fault, if any. */
    synchronized Optional<Fault> take() {
        long number = ++numbered;
        Optional<Fault> spanned = fromSpans(number);
        if (spanned.isPresent()) {
            return spanned;
        }
        if (!queue.isEmpty()) {
            return Optional.of(queue.poll());
        }
        return Optional.ofNullable(always);
    }

    synchronized void restartNumbering() {
        clear();
        numbered = 0;
    }

    private Optional<Fault> fromSpans(long number) {
        Fault match = null;
        for (Iterator<Span> it = spans.iterator(); it.hasNext(); ) {
            Span span = it.next();
            if (match == null && number >= span.first() && number <= span.last()) {
                match = span.fault();
            }
            if (span.last() <= number) {
                it.remove();
            }
        }
        return Optional.ofNullable(match);
    }

    private static void requirePositive(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
    }
}
