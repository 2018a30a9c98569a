package dev.sluice.braze.sandbox;

import dev.sluice.core.rate.RateLimit;
import static dev.sluice.braze.sandbox.SandboxHttp.attributes;
import static dev.sluice.braze.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted faults as a client sees them. */
class FaultInjectionTest {

    private static final String BODY = attributes("{\"external_id\":\"u1\",\"n\":{\"inc\":1}}");

    private static BrazeSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = BrazeSandbox.start();
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clean() {
        sandbox.reset();
    }

    @Test
    void aStatusFaultChangesNothingAndIsCounted() throws Exception {
        sandbox.faults().next(Fault.status(500));

        HttpResponse<String> failed = http.track(BODY);
        SandboxStats afterFault = sandbox.stats();
        HttpResponse<String> retried = http.track(BODY);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed)).containsEntry("message", "Internal Server Error");
        assertThat(failed.headers().firstValue("X-RateLimit-Remaining")).as("a fault uses no quota").contains("3000");
        assertThat(afterFault.requests()).isEqualTo(1);
        assertThat(afterFault.status(500)).isEqualTo(1);
        assertThat(afterFault.objectsAccepted()).isZero();
        assertThat(afterFault.users()).isZero();
        assertThat(afterFault.faultsInjected()).isEqualTo(1);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(sandbox.user("u1").orElseThrow()).containsEntry("n", 1L);
    }

    @Test
    void anInjected429TellsWhenToComeBack() throws Exception {
        sandbox.faults().next(Fault.status(429));

        HttpResponse<String> response = http.track(BODY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response)).containsKey("message");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("3000");
        assertThat(response.headers().firstValue("X-RateLimit-Reset").map(Long::parseLong).orElseThrow())
                .isGreaterThan(1_700_000_000L);
    }

    @Test
    void anHtmlFaultLooksLikeAProxyPage() throws Exception {
        sandbox.faults().next(Fault.html(502));

        HttpResponse<String> response = http.track(BODY);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(response.body()).contains("<html>", "502 Bad Gateway");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }

    @Test
    void aResetClosesTheConnectionWithoutAResponse() throws Exception {
        sandbox.faults().next(Fault.reset());

        assertThatThrownBy(() -> http.track(BODY)).isInstanceOf(IOException.class);
        assertThat(sandbox.stats().connectionsReset()).isEqualTo(1);
        assertThat(sandbox.stats().statusCounts()).isEmpty();
        assertThat(http.track(BODY).statusCode()).isEqualTo(201);
    }

    @Test
    void aHangNeverAnswers() throws Exception {
        sandbox.faults().next(Fault.hang());

        assertThatThrownBy(() -> http.send(http.trackRequest(BODY).timeout(Duration.ofMillis(300)).build()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.stats().requestsHung()).isEqualTo(1);
        assertThat(sandbox.user("u1")).isEmpty();
        assertThat(http.track(BODY).statusCode()).isEqualTo(201);
    }

    @Test
    void afterRequestsFaultsTheNumberedRequests() throws Exception {
        sandbox.faults().afterRequests(2, Fault.status(503), 2);

        List<Integer> statuses = statuses(5);

        assertThat(statuses).containsExactly(201, 201, 503, 503, 201);
        assertThat(sandbox.user("u1").orElseThrow()).containsEntry("n", 3L);
        assertThat(sandbox.stats().statusCounts()).containsEntry(201, 3L).containsEntry(503, 2L);
    }

    @Test
    void alwaysFaultsUntilCleared() throws Exception {
        sandbox.faults().always(Fault.status(504));
        List<Integer> during = statuses(3);
        sandbox.faults().clear();

        assertThat(during).containsExactly(504, 504, 504);
        assertThat(statuses(1)).containsExactly(201);
    }

    @Test
    void aRandomPlanIsRepeatableWithTheSameSeed() throws Exception {
        SandboxConfig config = SandboxConfig.defaults().withFaults(FaultPlan.parse("500=0.3,429=0.2")).withSeed(7);
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (BrazeSandbox planned = BrazeSandbox.start(config)) {
                SandboxHttp client = new SandboxHttp(planned);
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    statuses.add(client.track(BODY).statusCode());
                }
                runs.add(statuses);
                assertThat(planned.stats().faultsInjected()).isEqualTo(statuses.stream().filter(s -> s != 201).count());
            }
        }

        assertThat(runs.get(0)).contains(201, 500, 429).isEqualTo(runs.get(1));
    }

    @Test
    void closingReleasesHangingRequests() throws Exception {
        BrazeSandbox closing = BrazeSandbox.start();
        closing.faults().always(Fault.hang());
        SandboxHttp client = new SandboxHttp(closing);
        var pending = client.sendAsync(client.trackRequest(BODY).timeout(Duration.ofSeconds(30)).build());
        while (closing.stats().requestsHung() == 0) {
            Thread.sleep(10);
        }

        closing.close();

        assertThat(pending).failsWithin(Duration.ofSeconds(10));
    }

    private static List<Integer> statuses(int requests) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(http.track(BODY).statusCode());
        }
        return statuses;
    }
}
