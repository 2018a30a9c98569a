package dev.sluice.braze.sandbox;

import dev.sluice.core.rate.RateLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

    @Test
    void defaultsFollowBrazesDocumentedLimits() {
        SandboxConfig config = SandboxConfig.defaults();

        assertThat(config.port()).isZero();
        assertThat(config.apiKey()).isEqualTo("sandbox-api-key");
        assertThat(config.rateLimit()).isEqualTo(new RateLimit(3000, Duration.ofSeconds(3)));
        assertThat(config.latency()).isZero();
        assertThat(config.faults().isEmpty()).isTrue();
        assertThat(config.maxObjectsPerRequest()).isEqualTo(75);
        assertThat(config.maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.storeProfiles()).isTrue();
    }

    @Test
    void withersChangeOneThing() {
        SandboxConfig config = SandboxConfig.defaults()
                .withMaxObjectsPerRequest(SandboxConfig.BULK_MAX_OBJECTS)
                .withLatency(Duration.ofMillis(100));

        assertThat(config.maxObjectsPerRequest()).isEqualTo(1000);
        assertThat(config.latency()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.withStoreProfiles(false))
                .isEqualTo(new SandboxConfig(0, "sandbox-api-key", RateLimit.brazeDefault(), Duration.ofMillis(100),
                        FaultPlan.none(), 0, 1000, 4L * 1024 * 1024, false, config.clock()));
    }

    @Test
    void rejectsNonsense() {
        SandboxConfig config = SandboxConfig.defaults();

        assertThatThrownBy(() -> config.withPort(70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> config.withApiKey("has space")).hasMessageContaining("API key");
        assertThatThrownBy(() -> config.withLatency(Duration.ofMillis(-1))).hasMessageContaining("latency");
        assertThatThrownBy(() -> config.withMaxObjectsPerRequest(0)).hasMessageContaining("maxObjectsPerRequest");
        assertThatThrownBy(() -> config.withMaxBodyBytes(0)).hasMessageContaining("maxBodyBytes");
    }

    @Test
    void startsWhereTheUrlSays() {
        try (BrazeSandbox sandbox = BrazeSandbox.start()) {
            assertThat(sandbox.url()).isEqualTo("http://127.0.0.1:" + sandbox.port());
            assertThat(sandbox.port()).isPositive();
            assertThat(sandbox.apiKey()).isEqualTo("sandbox-api-key");
        }
    }
}
