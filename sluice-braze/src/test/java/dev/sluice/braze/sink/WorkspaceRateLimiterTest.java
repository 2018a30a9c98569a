package dev.sluice.braze.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.rate.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limiter on its own, in real time: each test starts just after one of the limiter's 2-second
 * windows opens and finishes well before it ends, so which window a permit falls in is certain.
 */
class WorkspaceRateLimiterTest {
    private static final RateLimit FIVE_PER_TWO_SECONDS = new RateLimit(5, Duration.ofSeconds(2));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aFullWindowGivesItsWholeBudgetAndTheNextPermitWaitsForTheNextWindow() throws Exception {
        WorkspaceRateLimiter limiter = freshWindow();
        List<WorkspaceRateLimiter.Permit> permits = take(limiter, 5);
        assertThat(permits).extracting(WorkspaceRateLimiter.Permit::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(permits).extracting(WorkspaceRateLimiter.Permit::windowEnd).containsOnly(permits.get(0).windowEnd());
        CompletableFuture<WorkspaceRateLimiter.Permit> sixth = limiter.acquire();
        assertThat(sixth.get(3, TimeUnit.SECONDS).windowEnd()).isAfter(permits.get(0).windowEnd());
    }

    @Test
    void a429AboutAWindowThatHasEndedDoesNotEmptyTheNewOne() throws Exception {
        WorkspaceRateLimiter limiter = freshWindow();
        // the answer to a request of the previous window arrives late, after Braze's reset
        limiter.exhausted(Instant.now().getEpochSecond() - 1);
        List<WorkspaceRateLimiter.Permit> permits = take(limiter, 5);
        assertThat(permits).extracting(WorkspaceRateLimiter.Permit::windowEnd).containsOnly(permits.get(0).windowEnd());
    }

    @Test
    void requestsBrazeCountedFromSomeoneElseAreGivenUp() throws Exception {
        WorkspaceRateLimiter limiter = freshWindow();
        WorkspaceRateLimiter.Permit first = take(limiter, 1).get(0);
        // Braze counted 3 requests by the time ours, our first, arrived: 2 came from another client
        limiter.observe(first, 5L, 2L, first.windowEnd().getEpochSecond());
        List<WorkspaceRateLimiter.Permit> rest = take(limiter, 3);
        assertThat(rest.get(0).windowEnd()).isEqualTo(first.windowEnd());
        assertThat(rest.get(1).windowEnd()).isEqualTo(first.windowEnd());
        assertThat(rest.get(2).windowEnd()).as("the third would be the sixth request of the window")
                .isAfter(first.windowEnd());
    }

    /** A limiter whose window has just opened, with its first request already answered. */
    private WorkspaceRateLimiter freshWindow() throws InterruptedException {
        WorkspaceRateLimiter limiter = new WorkspaceRateLimiter(FIVE_PER_TWO_SECONDS, scheduler);
        long now = System.currentTimeMillis();
        long nextWindow = (now / 2000 + 1) * 2000 + 50;
        Thread.sleep(nextWindow - now);
        limiter.settled();
        return limiter;
    }

    private static List<WorkspaceRateLimiter.Permit> take(WorkspaceRateLimiter limiter, int n) throws Exception {
        List<WorkspaceRateLimiter.Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            permits.add(limiter.acquire().get(5, TimeUnit.SECONDS));
        }
        return permits;
    }
}
