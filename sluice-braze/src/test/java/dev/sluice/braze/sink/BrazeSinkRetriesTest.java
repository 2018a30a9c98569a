package dev.sluice.braze.sink;

import static dev.sluice.braze.sink.SinkTestKit.await;
import static dev.sluice.braze.sink.SinkTestKit.config;
import static dev.sluice.braze.sink.SinkTestKit.sharedSandbox;
import static dev.sluice.braze.sink.SinkTestKit.stopped;
import static dev.sluice.braze.sink.SinkTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.braze.sandbox.SandboxStats;
import dev.sluice.braze.sink.SinkTestKit.SharedSandbox;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.core.rate.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures a retry can fix (429, 5xx with JSON or HTML bodies, resets, hangs) are retried inside the
 * sink until the batch is accepted; when they do not stop, the job stops, resumable. One sandbox
 * for the class, with 1-second rate-limit windows so a 429 waits at most about a second.
 *
 * <p>The backoff between retries of 5xx, resets and timeouts is 250–500 ms, then 500–1000 ms (it
 * is not configurable); a 429 waits until the window resets.
 */
class BrazeSinkRetriesTest {

    @RegisterExtension
    static final SharedSandbox shared =
            sharedSandbox(SandboxConfig.defaults().withRateLimit(new RateLimit(1000, Duration.ofSeconds(1))));
    private static final BrazeSandbox sandbox = shared.sandbox();

    @Test
    void a429IsRetriedAfterTheWindowResets() {
        sandbox.faults().next(Fault.status(429));

        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            assertThat(await(sink.write(List.of(user("r1", "\"a\":1"))))).containsExactly(Outcome.ACCEPTED);
            assertThat(sink.stats().retries()).isEqualTo(1);
            assertThat(sink.stats().requests()).isEqualTo(2);
        }

        SandboxStats stats = sandbox.stats();
        assertThat(stats.statusCounts()).containsOnlyKeys(429, 201);
        assertThat(stats.status(429)).isEqualTo(1);
        assertThat(stats.status(201)).isEqualTo(1);
        assertThat(sandbox.user("r1")).isPresent();
    }

    @Test
    void htmlBadGatewayAndServiceUnavailablePagesAreRetriedNotFatal() {
        sandbox.faults().next(Fault.html(502)).next(Fault.html(503));

        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            assertThat(await(sink.write(List.of(user("h1", "\"a\":1"), user("h2", "\"a\":2")))))
                    .containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
            assertThat(sink.stats().retries()).isEqualTo(2);
        }

        SandboxStats stats = sandbox.stats();
        assertThat(stats.requests()).isEqualTo(3);
        assertThat(stats.status(502)).isEqualTo(1);
        assertThat(stats.status(503)).isEqualTo(1);
        assertThat(stats.objectsAccepted()).isEqualTo(2);
    }

    @Test
    void aJson500IsRetried() {
        sandbox.faults().next(Fault.status(500));

        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            assertThat(await(sink.write(List.of(user("e1", "\"a\":1"))))).containsExactly(Outcome.ACCEPTED);
            assertThat(sink.stats().retries()).isEqualTo(1);
        }

        assertThat(sandbox.stats().status(500)).isEqualTo(1);
        assertThat(sandbox.stats().status(201)).isEqualTo(1);
    }

    @Test
    void aPersistent503StopsTheJobResumablyAfterMaxAttempts() {
        sandbox.faults().always(Fault.status(503));

        SinkStoppedException stop;
        try (BrazeSink sink = BrazeSink.open(config(sandbox).withMaxAttempts(3))) {
            stop = stopped(sink.write(List.of(user("p1", "\"a\":1"))));
            assertThat(sink.stats().requests()).isEqualTo(3);
            assertThat(sink.stats().retries()).isEqualTo(2);
        }

        assertThat(stop.getMessage())
                .contains("kept answering 503")
                .contains("3 attempts")
                .contains("resume");
        assertThat(sandbox.stats().requests()).isEqualTo(3);
        assertThat(sandbox.stats().objectsAccepted()).isZero();
    }

    @Test
    void aPersistent429StopsTheJobWithAHintToSlowDown() {
        sandbox.faults().always(Fault.status(429));

        SinkStoppedException stop;
        try (BrazeSink sink = BrazeSink.open(config(sandbox).withMaxAttempts(2))) {
            stop = stopped(sink.write(List.of(user("q1", "\"a\":1"))));
        }

        assertThat(stop.getMessage()).contains("429").contains("--rate-limit").contains("resume");
        assertThat(sandbox.stats().requests()).isEqualTo(2);
    }

    @Test
    void aResetConnectionIsRetried() {
        sandbox.faults().next(Fault.reset());

        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            assertThat(await(sink.write(List.of(user("c1", "\"a\":1"))))).containsExactly(Outcome.ACCEPTED);
            assertThat(sink.stats().retries()).isEqualTo(1);
        }

        assertThat(sandbox.stats().connectionsReset()).isEqualTo(1);
        assertThat(sandbox.stats().requests()).isEqualTo(2);
        assertThat(sandbox.user("c1")).isPresent();
    }

    @Test
    void resetsThatDoNotStopExhaustTheAttemptsAndStopTheJob() {
        sandbox.faults().always(Fault.reset());

        SinkStoppedException stop;
        try (BrazeSink sink = BrazeSink.open(config(sandbox).withMaxAttempts(2))) {
            stop = stopped(sink.write(List.of(user("c2", "\"a\":1"))));
        }

        assertThat(stop.getMessage()).contains("2 attempts").contains("resume");
        assertThat(sandbox.stats().connectionsReset()).isEqualTo(2);
    }

    @Test
    void aHungRequestTimesOutIsRetriedAndDoesNotHoldUpOtherBatches() {
        try (BrazeSink sink = BrazeSink.open(config(sandbox).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
            // the workspace's very first request goes alone (see BrazeSinkRateLimitTest); this is about later ones
            await(sink.write(List.of(user("g0", "\"a\":0"))));
            sandbox.faults().next(Fault.hang());

            CompletableFuture<List<Outcome>> first = sink.write(List.of(user("g1", "\"a\":1")));
            CompletableFuture<List<Outcome>> second = sink.write(List.of(user("g2", "\"a\":2")));

            // whichever request hung, the other batch finishes while it still waits for its timeout
            CompletableFuture.anyOf(first, second).join();
            assertThat(first.isDone() ^ second.isDone()).as("exactly one batch done").isTrue();
            assertThat(sandbox.stats().requestsHung()).isEqualTo(1);

            assertThat(await(first)).containsExactly(Outcome.ACCEPTED);
            assertThat(await(second)).containsExactly(Outcome.ACCEPTED);
            assertThat(sink.stats().retries()).isEqualTo(1);
            assertThat(sink.stats().requests()).isEqualTo(4);
        }

        assertThat(sandbox.stats().objectsAccepted()).isEqualTo(3);
        assertThat(sandbox.user("g1")).isPresent();
        assertThat(sandbox.user("g2")).isPresent();
    }
}
