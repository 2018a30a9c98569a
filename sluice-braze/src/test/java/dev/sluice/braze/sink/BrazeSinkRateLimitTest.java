package dev.sluice.braze.sink;

import static dev.sluice.braze.sink.SinkTestKit.await;
import static dev.sluice.braze.sink.SinkTestKit.config;
import static dev.sluice.braze.sink.SinkTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.braze.sandbox.SandboxStats;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.rate.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * The workspace's budget is kept across every request in flight, and shared with other clients
 * of the same workspace. Each test starts its own sandbox, because the budget is part of its
 * configuration.
 *
 * <p>The batches are handed to the sink the way the engine does it: at most
 * {@link BrazeSink#maxInFlight()} at a time, the next one as soon as one completes.
 */
class BrazeSinkRateLimitTest {

    /** Writes one single-object batch per user, at most {@code sink.maxInFlight()} at a time. */
    private static List<CompletableFuture<List<Outcome>>> writeAll(BrazeSink sink, String prefix, int users)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(sink.maxInFlight());
        List<CompletableFuture<List<Outcome>>> writes = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            inFlight.acquire();
            CompletableFuture<List<Outcome>> write = sink.write(List.of(user(prefix + i, "\"i\":" + i)));
            write.whenComplete((outcomes, error) -> inFlight.release());
            writes.add(write);
        }
        return writes;
    }

    @Test
    void sixteenConcurrentSendersStayWithinTheWorkspaceBudget() throws InterruptedException {
        RateLimit budget = new RateLimit(20, Duration.ofSeconds(1));
        try (BrazeSandbox sandbox = BrazeSandbox.start(SandboxConfig.defaults().withRateLimit(budget));
             BrazeSink sink = BrazeSink.open(config(sandbox).withRateLimit(budget).withConcurrency(16))) {

            List<CompletableFuture<List<Outcome>>> writes = writeAll(sink, "r", 100);

            for (CompletableFuture<List<Outcome>> write : writes) {
                assertThat(await(write)).containsExactly(Outcome.ACCEPTED);
            }
            SandboxStats stats = sandbox.stats();
            assertThat(stats.objectsAccepted()).isEqualTo(100);
            assertThat(stats.users()).isEqualTo(100);
            // Without the client budget the same senders meet 60-odd refusals (64 measured). The client's
            // windows and the sandbox's are both aligned to the epoch, so a refusal needs a request that
            // took its token in one window and arrived in the next: rare (0 in every run so far).
            assertThat(stats.status(429)).as("429s").isLessThanOrEqualTo(2);
            assertThat(stats.requests()).isEqualTo(100 + stats.status(429));
            assertThat(sink.stats().retries()).isEqualTo(stats.status(429));
        }
    }

    @Test
    void anotherClientOfTheWorkspaceIsNotMetWithABurstOf429s() throws Exception {
        RateLimit budget = new RateLimit(30, Duration.ofSeconds(1));
        try (BrazeSandbox sandbox = BrazeSandbox.start(SandboxConfig.defaults().withRateLimit(budget));
             BrazeSink sink = BrazeSink.open(config(sandbox).withRateLimit(budget).withConcurrency(16))) {

            // another client of the workspace (same key) has used 25 of this window's 30 requests
            awaitStartOfAWindow();
            HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> last = null;
            for (int i = 0; i < 25; i++) {
                last = other.send(HttpRequest.newBuilder(URI.create(sandbox.url() + "/users/track"))
                                .header("Authorization", "Bearer " + sandbox.apiKey())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"attributes\":[{\"external_id\":\"other" + i + "\",\"a\":1}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(last.statusCode()).isEqualTo(201);
            }
            assertThat(last.headers().firstValue("X-RateLimit-Remaining")).as("the other client's window").hasValue("5");

            List<CompletableFuture<List<Outcome>>> writes = writeAll(sink, "s", 40);

            for (CompletableFuture<List<Outcome>> write : writes) {
                assertThat(await(write)).containsExactly(Outcome.ACCEPTED);
            }
            SandboxStats stats = sandbox.stats();
            assertThat(stats.objectsAccepted()).isEqualTo(25 + 40);
            // The first request goes alone and learns that 4 are left; the others wait for its answer.
            // Before that, every sender took a token from a full bucket: 11 refusals at the start.
            // At most a straggler across a window boundary may still meet one (see above).
            assertThat(stats.status(429)).as("429s").isLessThanOrEqualTo(2);
            assertThat(sink.stats().retries()).isEqualTo(stats.status(429));
        }
    }

    @Test
    void aHangingFirstRequestHoldsTheOthersBackOnlyBriefly() throws InterruptedException {
        // the workspace's first request goes alone, but the others do not wait for its timeout
        RateLimit budget = new RateLimit(1000, Duration.ofSeconds(1));
        try (BrazeSandbox sandbox = BrazeSandbox.start(SandboxConfig.defaults().withRateLimit(budget));
             BrazeSink sink = BrazeSink.open(config(sandbox).withRateLimit(budget)
                     .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)))) {
            sandbox.faults().next(Fault.hang());

            CompletableFuture<List<Outcome>> first = sink.write(List.of(user("first", "\"a\":1")));
            while (sandbox.stats().requestsHung() == 0) {
                Thread.sleep(10);
            }
            CompletableFuture<List<Outcome>> second = sink.write(List.of(user("second", "\"a\":1")));

            assertThat(await(second)).containsExactly(Outcome.ACCEPTED);
            assertThat(first).as("the hung request has not timed out yet").isNotDone();
            assertThat(sink.stats().retries()).isZero();

            assertThat(await(first)).containsExactly(Outcome.ACCEPTED);
            assertThat(sink.stats().retries()).isEqualTo(1);
        }
    }

    /** Waits for the next whole second, where 1-second windows begin, so 25 quick requests share one window. */
    private static void awaitStartOfAWindow() throws InterruptedException {
        long now = System.currentTimeMillis();
        Thread.sleep(1000 - now % 1000 + 20);
    }
}
