package dev.sluice.lambda.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.personalize.queue.BrazeQueueConsumer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationsSettingsTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BRAZE_API_URL", "https://rest.iad-01.braze.com");
        env.put("BRAZE_API_KEY_SECRET", "sluice/braze");
        env.put("RECOMMENDATIONS_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/recommendations");
        return env;
    }

    @Test
    void theBrazeVariablesAreTheImportFunctionsAndTheSinkTriesLessOften() {
        Map<String, String> env = env();
        env.put("BRAZE_CONCURRENCY", "4");
        RecommendationsSettings settings = RecommendationsSettings.fromEnv(env);

        assertThat(settings.braze()).isEqualTo(BrazeSettings.fromEnv(env));
        assertThat(settings.braze().apiKey()).isEqualTo(new ApiKeySource.Secret("sluice/braze"));
        assertThat(settings.shape()).isEqualTo(AttributeShape.OBJECTS);
        assertThat(settings.brazeConfig("k").maxAttempts()).isEqualTo(BrazeQueueConsumer.SINK_ATTEMPTS)
                .isLessThan(settings.braze().config("k").maxAttempts());
        assertThat(settings.brazeConfig("k").concurrency()).isEqualTo(4);
    }

    @Test
    void errorsNameTheVariable() {
        Map<String, String> env = env();
        env.put("ATTRIBUTE_SHAPE", "Arrays");
        assertThat(RecommendationsSettings.fromEnv(env).shape()).isEqualTo(AttributeShape.ARRAYS);
        env.put("ATTRIBUTE_SHAPE", "table");
        assertThatThrownBy(() -> RecommendationsSettings.fromEnv(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ATTRIBUTE_SHAPE: ");
        env.remove("ATTRIBUTE_SHAPE");
        env.remove("RECOMMENDATIONS_QUEUE_URL");
        assertThatThrownBy(() -> RecommendationsSettings.fromEnv(env))
                .hasMessageStartingWith("RECOMMENDATIONS_QUEUE_URL is not set");
        env.put("RECOMMENDATIONS_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/recommendations");
        env.put("BRAZE_API_KEY", "secret-key-value");
        assertThatThrownBy(() -> RecommendationsSettings.fromEnv(env)).hasMessageContaining("exactly one of")
                .hasMessageNotContaining("secret-key-value");
    }
}
