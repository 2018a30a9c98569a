package dev.sluice.braze.sink;

import static dev.sluice.braze.sink.SinkTestKit.config;
import static dev.sluice.braze.sink.SinkTestKit.sharedSandbox;
import static dev.sluice.braze.sink.SinkTestKit.stopped;
import static dev.sluice.braze.sink.SinkTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.braze.sink.SinkTestKit.SharedSandbox;
import dev.sluice.core.engine.SinkStoppedException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers no retry can fix (401, 403, 404, 415) stop the job at once, after one request, with a
 * message that says what to do and never shows the API key. One sandbox for the class.
 */
class BrazeSinkStopsTest {

    private static final String WRONG_KEY = "wrong-key-3f9c2a71d84e";

    @RegisterExtension
    static final SharedSandbox shared = sharedSandbox(SandboxConfig.defaults());
    private static final BrazeSandbox sandbox = shared.sandbox();

    private static SinkStoppedException stopsAfterOneRequest(BrazeConfig config) {
        try (BrazeSink sink = BrazeSink.open(config)) {
            SinkStoppedException stop = stopped(sink.write(List.of(user("s1", "\"a\":1"))));
            assertThat(sink.stats().requests()).as("requests sent").isEqualTo(1);
            assertThat(sink.stats().retries()).as("retries").isZero();
            assertThat(stop.getMessage()).contains("resume").doesNotContain(config.apiKey());
            assertThat(sink.toString()).doesNotContain(config.apiKey());
            return stop;
        }
    }

    @Test
    void aWrongApiKeyStopsAtOnceNamingBrazeApiKeyButNotTheKey() {
        BrazeConfig config = BrazeConfig.defaults(URI.create(sandbox.url()), WRONG_KEY)
                .withRateLimit(sandbox.config().rateLimit());

        SinkStoppedException stop = stopsAfterOneRequest(config);

        assertThat(stop.getMessage()).contains("401").contains("BRAZE_API_KEY").contains("BRAZE_API_URL")
                .doesNotContain(WRONG_KEY);
        assertThat(stop.getCause() == null ? "" : stop.getCause().toString()).doesNotContain(WRONG_KEY);
        assertThat(config.toString()).doesNotContain(WRONG_KEY);
        assertThat(config.destinationId()).doesNotContain(WRONG_KEY);
        assertThat(sandbox.stats().requests()).isEqualTo(1);
        assertThat(sandbox.stats().status(401)).isEqualTo(1);
        assertThat(sandbox.user("s1")).isEmpty();
    }

    @Test
    void theRightKeyIsNotShownEither() {
        BrazeConfig config = config(sandbox);
        assertThat(config.toString()).doesNotContain(sandbox.apiKey());
        assertThat(config.destinationId()).doesNotContain(sandbox.apiKey());
        try (BrazeSink sink = BrazeSink.open(config)) {
            assertThat(sink.toString()).doesNotContain(sandbox.apiKey());
        }
    }

    @Test
    void a403StopsAtOnce() {
        sandbox.faults().next(Fault.status(403));

        SinkStoppedException stop = stopsAfterOneRequest(config(sandbox));

        assertThat(stop.getMessage()).contains("403").contains("users.track");
        assertThat(sandbox.stats().requests()).isEqualTo(1);
    }

    @Test
    void a404ForAWrongPathStopsAtOnceNamingTheUrl() {
        // the sandbox answers 404 outside /users/track and does not count those requests: the sink's count is used
        SinkStoppedException stop = stopsAfterOneRequest(config(sandbox).withBatch("/nope", 75, 4 * 1024 * 1024));

        assertThat(stop.getMessage()).contains("404").contains(sandbox.url() + "/nope").contains("BRAZE_API_URL");
    }

    @Test
    void a415StopsAtOnce() {
        sandbox.faults().next(Fault.status(415));

        SinkStoppedException stop = stopsAfterOneRequest(config(sandbox));

        assertThat(stop.getMessage()).contains("415");
        assertThat(sandbox.stats().requests()).isEqualTo(1);
    }

    @Test
    void otherBatchesInFlightWhenTheJobStopsAreNotCountedAsDone() {
        // every request is refused: each batch's future fails, none completes with outcomes
        BrazeConfig config = BrazeConfig.defaults(URI.create(sandbox.url()), WRONG_KEY).withRateLimit(null);
        try (BrazeSink sink = BrazeSink.open(config)) {
            var first = sink.write(List.of(user("a", "\"a\":1")));
            var second = sink.write(List.of(user("b", "\"a\":1")));
            stopped(first);
            stopped(second);
        }
        assertThat(sandbox.stats().objectsAccepted()).isZero();
    }
}
