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
 * A workspace's request budget as a token bucket that refills in fixed windows, like Braze's
 * "3,000 requests per 3 seconds". The windows start aligned to the epoch and are re-aligned to the
 * {@code X-RateLimit-Reset} Braze reports; when Braze reports fewer requests left than the bucket
 * holds (another client shares the workspace), the bucket gives up the difference. A 429 empties the
 * bucket until the window resets, so every sender pauses, not just the one that was refused.
 * Until the first request has been answered (or for {@link #FIRST_ANSWER_WAIT}, should it hang), it
 * is the only one sent: the bucket cannot know yet how much of the window another client has used,
 * and every sender would otherwise take a token before any answer could say so (a burst of 429s
 * at the start of a job).
 */
final class WorkspaceRateLimiter {
    /** How far Braze's window end may be from ours before we re-align to it. */
    private static final Duration ALIGNMENT_TOLERANCE = Duration.ofMillis(500);
    /** How long the other senders wait for the first answer before going without it. */
    static final Duration FIRST_ANSWER_WAIT = Duration.ofSeconds(1);

    private final RateLimit limit;
    private final Bucket bucket;
    private final ScheduledExecutorService scheduler;
    private Instant windowAnchor;
    /** Completes when the first request ends, answered or not; until then it goes alone. */
    private final CompletableFuture<Void> firstSettled = new CompletableFuture<>();
    private final AtomicBoolean firstSent = new AtomicBoolean();

    WorkspaceRateLimiter(RateLimit limit, ScheduledExecutorService scheduler) {
        this.limit = limit;
        this.scheduler = scheduler;
        this.windowAnchor = nextEpochAlignedBoundary(Instant.now(), limit.period());
        this.bucket = Bucket.builder().addLimit(bandwidth(windowAnchor)).build();
    }

    /** Completes when the request may go. */
    CompletableFuture<Void> acquire() {
        if (firstSettled.isDone()) {
            return take();
        }
        if (firstSent.compareAndSet(false, true)) {
            firstSettled.completeOnTimeout(null, FIRST_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return take();
        }
        return firstSettled.thenCompose(ignored -> take());
    }

    private CompletableFuture<Void> take() {
        return bucket.asScheduler().consume(1, scheduler);
    }

    /** A request ended, answered or failed; call after {@link #observe} or {@link #exhausted}. */
    void settled() {
        firstSettled.complete(null);
    }

    /** Learns from the rate-limit headers of any response. */
    synchronized void observe(Long remaining, Long resetEpochSeconds) {
        if (resetEpochSeconds == null) {
            return;
        }
        Instant reset = Instant.ofEpochSecond(resetEpochSeconds);
        Instant now = Instant.now();
        if (!reset.isAfter(now)) {
            return; // an answer from a window that has already ended
        }
        alignTo(reset, now);
        if (remaining != null && closeTo(reset, currentWindowEnd(now))) {
            long available = bucket.getAvailableTokens();
            if (remaining < available) {
                bucket.tryConsumeAsMuchAsPossible(available - remaining);
            }
        }
    }

    /** Braze said 429: nothing more goes until the window resets. */
    synchronized void exhausted(Long resetEpochSeconds) {
        if (resetEpochSeconds != null) {
            Instant reset = Instant.ofEpochSecond(resetEpochSeconds);
            Instant now = Instant.now();
            if (reset.isAfter(now)) {
                alignTo(reset, now);
            }
        }
        bucket.tryConsumeAsMuchAsPossible();
    }

    private void alignTo(Instant reset, Instant now) {
        if (closeTo(reset, currentWindowEnd(now))) {
            return;
        }
        windowAnchor = reset;
        bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(bandwidth(reset)).build(),
                TokensInheritanceStrategy.AS_IS);
    }

    private Bandwidth bandwidth(Instant firstRefill) {
        return Bandwidth.builder()
                .capacity(limit.requests())
                .refillIntervallyAlignedWithAdaptiveInitialTokens(limit.requests(), limit.period(), firstRefill)
                .build();
    }

    private Instant currentWindowEnd(Instant now) {
        long periodNanos = limit.period().toNanos();
        long sinceAnchor = Duration.between(windowAnchor, now).toNanos();
        long windows = Math.floorDiv(sinceAnchor, periodNanos) + 1;
        return windowAnchor.plusNanos(windows * periodNanos);
    }

    private static boolean closeTo(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(ALIGNMENT_TOLERANCE) <= 0;
    }

    private static Instant nextEpochAlignedBoundary(Instant now, Duration period) {
        long periodMillis = period.toMillis();
        long next = (Math.floorDiv(now.toEpochMilli(), periodMillis) + 1) * periodMillis;
        return Instant.ofEpochMilli(next);
    }
}
