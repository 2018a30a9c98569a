package dev.sluice.braze.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurements for the report, not checks of speed: they print numbers and assert only that every
 * request was answered correctly. Excluded from the normal build; run them with
 * {@code mvn -pl sluice-braze-sandbox test -Dsandbox.excludedGroups=none -Dgroups=perf -Dsandbox.testHeap=-Xmx2g}.
 */
@Tag("perf")
class SandboxPerfTest {

    private static final int OBJECTS = 75;

    @Test
    void throughputWithoutLatency() throws Exception {
        SandboxConfig config = SandboxConfig.defaults().withRateLimit(null);
        for (int connections : new int[] {16, 64}) {
            try (BrazeSandbox sandbox = BrazeSandbox.start(config)) {
                LoadGenerator.run(sandbox, connections, Duration.ofSeconds(3), bodies(64, 0)); // warm-up
                sandbox.reset();
                LoadGenerator.Result result = LoadGenerator.run(sandbox, connections, Duration.ofSeconds(10), bodies(256, 1));
                report("latency 0, " + connections + " connections", sandbox, result);
                assertThat(result.statuses()).containsOnlyKeys(201);
                assertThat(result.errors()).isZero();
            }
        }
    }

    @Test
    void throughputWithLatencyAndManyConnections() throws Exception {
        SandboxConfig config = SandboxConfig.defaults().withRateLimit(null).withLatency(Duration.ofMillis(100));
        try (BrazeSandbox sandbox = BrazeSandbox.start(config)) {
            LoadGenerator.run(sandbox, 200, Duration.ofSeconds(3), bodies(64, 0));
            sandbox.reset();
            LoadGenerator.Result result = LoadGenerator.run(sandbox, 200, Duration.ofSeconds(10), bodies(256, 1));
            report("latency 100 ms, 200 connections", sandbox, result);
            assertThat(result.statuses()).containsOnlyKeys(201);
            assertThat(result.errors()).isZero();
        }
    }

    @Test
    void heapForAMillionProfilesOfTenAttributes() {
        StatsCounters stats = new StatsCounters();
        ProfileStore store = new ProfileStore();
        TrackRequestHandler handler = new TrackRequestHandler(store, stats, OBJECTS, true);
        long before = usedHeapAfterGc();
        int users = 1_000_000;
        for (int first = 0; first < users; first += OBJECTS) {
            byte[] body = body(first, Math.min(OBJECTS, users - first));
            assertThat(handler.handle(body, body.length).status()).isEqualTo(201);
        }
        long after = usedHeapAfterGc();

        assertThat(store.size()).isEqualTo(users);
        assertThat(stats.objectsRejected.sum()).isZero();
        System.out.printf(Locale.ROOT, "PERF heap for %,d profiles x 10 attributes: %,d MB (%d bytes per profile)%n",
                users, (after - before) >> 20, (after - before) / users);
    }

    private static void report(String scenario, BrazeSandbox sandbox, LoadGenerator.Result result) {
        SandboxStats stats = sandbox.stats();
        System.out.printf(Locale.ROOT,
                "PERF %s: %.0f requests/s, %.0f objects/s, %.1f MB/s of bodies (%.1f KB each), statuses %s%n",
                scenario, result.perSecond(), result.perSecond() * OBJECTS,
                stats.bytesReceived() / 1e6 / (result.elapsed().toNanos() / 1e9),
                stats.bytesReceived() / 1024.0 / stats.requests(), result.statuses());
    }

    /** {@code count} different 75-user bodies; user ids repeat across bodies, so the store stays small. */
    private static List<byte[]> bodies(int count, int variant) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(body((i * OBJECTS + variant) % 20_000, OBJECTS));
        }
        return bodies;
    }

    /** Ten attributes of the usual kinds per user, about 340 bytes of JSON each (a 75-user body is ~25 KB). */
    static byte[] body(int firstUser, int users) {
        StringBuilder json = new StringBuilder(users * 400).append("{\"attributes\":[");
        for (int u = firstUser; u < firstUser + users; u++) {
            if (u > firstUser) {
                json.append(',');
            }
            json.append("{\"external_id\":\"customer-").append(1_000_000_000L + u)
                    .append("\",\"first_name\":\"Firstname").append(u % 1000)
                    .append("\",\"last_name\":\"Lastname-Longer").append(u % 777)
                    .append("\",\"email\":\"firstname.lastname.").append(u).append("@example-company.com")
                    .append("\",\"home_city\":\"Springfield Heights ").append(u % 300)
                    .append("\",\"country\":\"US\",\"age\":").append(18 + u % 70)
                    .append(",\"lifetime_value\":").append(u % 5000).append('.').append(10 + u % 90)
                    .append(",\"vip_customer\":").append(u % 7 == 0)
                    .append(",\"signup_date\":\"2024-0").append(1 + u % 9).append("-1").append(u % 10)
                    .append("T10:15:30Z\",\"subscription_plan\":\"").append(u % 3 == 0 ? "premium-annual" : "basic-monthly")
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
