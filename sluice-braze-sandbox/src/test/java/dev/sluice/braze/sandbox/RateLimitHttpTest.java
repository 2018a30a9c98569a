package dev.sluice.braze.sandbox;

import dev.sluice.testkit.MutableClock;
import dev.sluice.core.rate.RateLimit;
import static dev.sluice.braze.sandbox.SandboxHttp.attributes;
import static dev.sluice.braze.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rate limit as a client sees it, with a clock the test moves. */
class RateLimitHttpTest {

    private static final String BODY = attributes("{\"external_id\":\"u1\",\"n\":{\"inc\":1}}");

    @Test
    void refusesOverTheLimitUntilTheWindowResets() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_200L));
        try (BrazeSandbox sandbox = BrazeSandbox.start(
                SandboxConfig.defaults().withRateLimit(RateLimit.parse("2/1s")).withClock(clock))) {
            SandboxHttp http = new SandboxHttp(sandbox);

            HttpResponse<String> first = http.track(BODY);
            HttpResponse<String> second = http.track(BODY);
            HttpResponse<String> refused = http.track(BODY);
            clock.advance(Duration.ofMillis(800));
            HttpResponse<String> nextWindow = http.track(BODY);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(rateHeaders(first)).containsExactly("2", "1", "1700000001");
            assertThat(rateHeaders(second)).containsExactly("2", "0", "1700000001");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(json(refused)).containsKey("message");
            assertThat(rateHeaders(refused)).containsExactly("2", "0", "1700000001");
            assertThat(nextWindow.statusCode()).isEqualTo(201);
            assertThat(rateHeaders(nextWindow)).containsExactly("2", "1", "1700000002");
            assertThat(sandbox.user("u1").orElseThrow()).containsEntry("n", 3L);
            assertThat(sandbox.stats().status(429)).isEqualTo(1);
        }
    }

    @Test
    void refusedAndUnauthorizedRequestsDoNotUseTheWindow() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
        try (BrazeSandbox sandbox = BrazeSandbox.start(
                SandboxConfig.defaults().withRateLimit(RateLimit.parse("1/1s")).withClock(clock))) {
            SandboxHttp http = new SandboxHttp(sandbox);

            HttpResponse<String> unauthorized = http.send(
                    http.trackRequest(BODY).setHeader("Authorization", "Bearer other").build());
            HttpResponse<String> allowed = http.track(BODY);

            assertThat(unauthorized.statusCode()).isEqualTo(401);
            assertThat(unauthorized.headers().firstValue("X-RateLimit-Limit")).isEmpty();
            assertThat(allowed.statusCode()).isEqualTo(201);
            assertThat(http.track(BODY).statusCode()).isEqualTo(429);
            assertThat(http.track(BODY).statusCode()).isEqualTo(429);
            clock.advance(Duration.ofSeconds(1));
            assertThat(rateHeaders(http.track(BODY))).containsExactly("1", "0", "1700000002");
        }
    }

    @Test
    void unlimitedSendsNoRateLimitHeaders() throws Exception {
        try (BrazeSandbox sandbox = BrazeSandbox.start(SandboxConfig.defaults().withRateLimit(null))) {
            HttpResponse<String> response = new SandboxHttp(sandbox).track(BODY);

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
        }
    }

    private static String[] rateHeaders(HttpResponse<?> response) {
        return new String[] {
            response.headers().firstValue("X-RateLimit-Limit").orElse(null),
            response.headers().firstValue("X-RateLimit-Remaining").orElse(null),
            response.headers().firstValue("X-RateLimit-Reset").orElse(null)};
    }
}
