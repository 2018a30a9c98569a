package dev.sluice.braze.sink;

import dev.sluice.core.rate.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A workspace's request budget, kept in step with Braze's own fixed windows ("3,000 requests per
 * 3 seconds"): a Bucket4j bucket that refills once per window, aligned to the {@code X-RateLimit-Reset}
 * Braze reports.
 * <ul>
 *   <li>Each request that goes is numbered within its window ({@link Permit}). When Braze's answer
 *   says it has counted more requests than we sent up to that one ({@code limit - remaining} above the
 *   number), someone else is using the workspace (another job, a straggler of the previous window),
 *   and the bucket gives up the difference.</li>
 *   <li>A 429 empties the bucket until the window resets, so every sender pauses, not just the one
 *   that was refused.</li>
 *   <li>The bucket's timer can hand out a token of the next window a hair before Braze's reset; a
 *   request that would leave within {@link #EDGE} of the reset waits until just after it, so Braze
 *   never counts it against the window that is ending. (An earlier design opened our windows later
 *   than Braze's and dropped leftovers with a timer; the timer drifted against the wall clock and
 *   emptied fresh windows, so that design is gone.)</li>
 *   <li>Until the first request has been answered (or for {@link #FIRST_ANSWER_WAIT}, should it hang),
 *   it goes alone: nothing is known yet about how much of the window others have used.</li>
 * </ul>
 */
final class WorkspaceRateLimiter {
    /** How far Braze's window end may be from ours before we re-align to it. */
    private static final Duration ALIGNMENT_TOLERANCE = Duration.ofMillis(500);
    /** A request leaving this close before Braze's reset waits until just after it. */
    static final Duration EDGE = Duration.ofMillis(3);
    /** How long the other senders wait for the first answer before going without it. */
    static final Duration FIRST_ANSWER_WAIT = Duration.ofSeconds(1);

    /** Leave to send one request: the end of Braze's window it counts in, and its number there. */
    record Permit(Instant windowEnd, long number) { }

    private final RateLimit limit;
    private final long periodNanos;
    private final Bucket bucket;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> firstSettled = new CompletableFuture<>();
    private final AtomicBoolean firstSent = new AtomicBoolean();
    /** Start of one of Braze's windows; every window starts a whole number of periods from it. */
    private Instant serverAnchor;
    private Instant countedWindowEnd = Instant.EPOCH;
    private long sentInWindow;
    private long givenUpInWindow;

    WorkspaceRateLimiter(RateLimit limit, ScheduledExecutorService scheduler) {
        this.limit = limit;
        this.periodNanos = limit.period().toNanos();
        this.scheduler = scheduler;
        Instant now = Instant.now();
        this.serverAnchor = epochAlignedBoundaryAfter(now, limit.period());
        this.bucket = Bucket.builder().addLimit(bandwidth(serverAnchor)).build();
    }

    /** Completes when the request may go. */
    CompletableFuture<Permit> acquire() {
        if (firstSettled.isDone()) {
            return take();
        }
        if (firstSent.compareAndSet(false, true)) {
            firstSettled.completeOnTimeout(null, FIRST_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return take();
        }
        return firstSettled.thenCompose(ignored -> take());
    }

    /** A request ended, answered or failed; call after {@link #observe} or {@link #exhausted}. */
    void settled() {
        firstSettled.complete(null);
    }

    /** Learns from the rate-limit headers of the answer to the request sent with {@code permit}. */
    synchronized void observe(Permit permit, Long limitHeader, Long remaining, Long resetEpochSeconds) {
        if (resetEpochSeconds == null) {
            return;
        }
        Instant reset = Instant.ofEpochSecond(resetEpochSeconds);
        Instant now = Instant.now();
        if (!reset.isAfter(now)) {
            return; // about a window that has already ended
        }
        alignTo(reset, now);
        if (remaining == null || !closeTo(reset, permit.windowEnd()) || !permit.windowEnd().equals(countedWindowEnd)) {
            return;
        }
        long counted = (limitHeader != null ? limitHeader : limit.requests()) - remaining;
        long others = counted - permit.number();
        if (others > givenUpInWindow) {
            bucket.tryConsumeAsMuchAsPossible(others - givenUpInWindow);
            givenUpInWindow = others;
        }
    }

    /**
     * Braze said 429: nothing more goes until its window resets. A 429 about a window that has
     * already ended (the answer arrived after the reset) says nothing about the new one.
     */
    synchronized void exhausted(Long resetEpochSeconds) {
        if (resetEpochSeconds == null) {
            bucket.tryConsumeAsMuchAsPossible();
            return;
        }
        Instant reset = Instant.ofEpochSecond(resetEpochSeconds);
        Instant now = Instant.now();
        if (reset.isAfter(now)) {
            alignTo(reset, now);
            bucket.tryConsumeAsMuchAsPossible();
        }
    }

    private CompletableFuture<Permit> take() {
        return bucket.asScheduler().consume(1, scheduler).thenCompose(ignored -> {
            Instant now = Instant.now();
            long untilReset = Duration.between(now, serverWindowEnd(now)).toNanos();
            if (untilReset > EDGE.toNanos()) {
                return CompletableFuture.completedFuture(number(now));
            }
            return CompletableFuture.supplyAsync(() -> number(Instant.now()), CompletableFuture.delayedExecutor(
                    untilReset + TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.NANOSECONDS, scheduler));
        });
    }

    /** Numbers a request within the Braze window it will count in. */
    private synchronized Permit number(Instant now) {
        Instant windowEnd = serverWindowEnd(now);
        if (!windowEnd.equals(countedWindowEnd)) {
            countedWindowEnd = windowEnd;
            sentInWindow = 0;
            givenUpInWindow = 0;
        }
        return new Permit(windowEnd, ++sentInWindow);
    }

    private void alignTo(Instant reset, Instant now) {
        if (closeTo(reset, serverWindowEnd(now))) {
            return;
        }
        serverAnchor = reset;
        bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(bandwidth(reset)).build(),
                TokensInheritanceStrategy.AS_IS);
    }

    private Bandwidth bandwidth(Instant firstRefill) {
        return Bandwidth.builder()
                .capacity(limit.requests())
                .refillIntervallyAlignedWithAdaptiveInitialTokens(limit.requests(), limit.period(), firstRefill)
                .build();
    }

    /** The end of Braze's window that contains {@code now}. */
    private Instant serverWindowEnd(Instant now) {
        long since = Duration.between(serverAnchor, now).toNanos();
        return serverAnchor.plusNanos((Math.floorDiv(since, periodNanos) + 1) * periodNanos);
    }

    private static boolean closeTo(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(ALIGNMENT_TOLERANCE) <= 0;
    }

    private static Instant epochAlignedBoundaryAfter(Instant now, Duration period) {
        long periodMillis = period.toMillis();
        return Instant.ofEpochMilli((Math.floorDiv(now.toEpochMilli(), periodMillis) + 1) * periodMillis);
    }
}
