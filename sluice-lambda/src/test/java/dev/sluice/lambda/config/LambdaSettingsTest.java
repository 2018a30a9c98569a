package dev.sluice.lambda.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BRAZE_API_URL", "https://rest.iad-01.braze.com");
        env.put("BRAZE_API_KEY_PARAMETER", "/sluice/braze-api-key");
        env.put("LEDGER_TABLE", "ledger");
        return env;
    }

    @Test
    void defaultsFitTheTemplate() {
        LambdaSettings settings = LambdaSettings.fromEnv(env());

        assertThat(settings.braze().apiKey()).isEqualTo(new ApiKeySource.SsmParameter("/sluice/braze-api-key"));
        assertThat(settings.stopMargin()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.rejectsPrefix()).isEqualTo("rejects/");
        assertThat(settings.topicArn()).isNull();
        assertThat(settings.maxReceives()).isEqualTo(1);
    }

    @Test
    void exactlyOneKeySourceAndItsValueIsNeverShown() {
        Map<String, String> env = env();
        env.put("BRAZE_API_KEY", "secret-key-value");
        assertThatThrownBy(() -> LambdaSettings.fromEnv(env)).hasMessageContaining("exactly one of")
                .hasMessageNotContaining("secret-key-value");
        env.remove("BRAZE_API_KEY_PARAMETER");
        assertThat(LambdaSettings.fromEnv(env).braze().apiKey().toString()).isEqualTo("BRAZE_API_KEY");
        env.remove("BRAZE_API_KEY");
        assertThatThrownBy(() -> LambdaSettings.fromEnv(env)).hasMessageContaining("exactly one of");
    }

    @Test
    void errorsNameTheVariable() {
        Map<String, String> env = env();
        env.remove("LEDGER_TABLE");
        assertThatThrownBy(() -> LambdaSettings.fromEnv(env)).hasMessageStartingWith("LEDGER_TABLE is not set");
        env.put("LEDGER_TABLE", "ledger");
        env.put("STOP_MARGIN_SECONDS", "soon");
        assertThatThrownBy(() -> LambdaSettings.fromEnv(env)).hasMessageContaining("STOP_MARGIN_SECONDS");
        env.remove("STOP_MARGIN_SECONDS");
        env.put("TYPE_CAST", "zip=zipcode");
        assertThatThrownBy(() -> LambdaSettings.fromEnv(env)).hasMessageStartingWith("TYPE_CAST: ");
        env.put("TYPE_CAST", "zip=string, age=int");
        assertThat(LambdaSettings.fromEnv(env).importOptions().typing().columnTypes()).containsOnlyKeys("zip", "age");
        env.put("BRAZE_API_URL", "rest.iad-01.braze.com");
        assertThatThrownBy(() -> LambdaSettings.fromEnv(env)).hasMessageStartingWith("BRAZE_API_URL");
    }
}
