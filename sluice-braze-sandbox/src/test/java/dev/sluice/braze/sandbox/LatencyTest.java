package dev.sluice.braze.sandbox;

import static dev.sluice.braze.sandbox.SandboxHttp.attributes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Delayed responses are completed from the timer thread, many at once, on kept-alive connections. */
class LatencyTest {

    @Test
    void answersConcurrentRequestsAfterTheLatency() throws Exception {
        try (BrazeSandbox sandbox = BrazeSandbox.start(SandboxConfig.defaults().withLatency(Duration.ofMillis(50)))) {
            SandboxHttp http = new SandboxHttp(sandbox);
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 64; i++) {
                    responses.add(http.sendAsync(http.trackRequest(
                            attributes("{\"external_id\":\"u" + i + "\",\"n\":{\"inc\":1}}")).build()));
                }
                CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();
            }

            assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(201));
            assertThat(sandbox.user("u63").orElseThrow()).containsEntry("n", 3L);
            assertThat(sandbox.stats().status(201)).isEqualTo(192);
        }
    }

    @Test
    void delaysFaultsToo() throws Exception {
        try (BrazeSandbox sandbox = BrazeSandbox.start(SandboxConfig.defaults().withLatency(Duration.ofMillis(20)))) {
            sandbox.faults().next(Fault.html(503));
            SandboxHttp http = new SandboxHttp(sandbox);

            assertThat(http.track(attributes("{\"external_id\":\"u\",\"a\":1}")).statusCode()).isEqualTo(503);
            assertThat(http.track(attributes("{\"external_id\":\"u\",\"a\":1}")).statusCode()).isEqualTo(201);
        }
    }
}
