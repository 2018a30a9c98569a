package dev.sluice.lambda.config;

import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.personalize.job.JobConfigException;
import dev.sluice.personalize.queue.BrazeQueueConsumer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Personalize recommendations queue function's configuration, from its environment variables:
 *
 * <table>
 *   <tr><td>BRAZE_*</td><td>as the import functions: {@link BrazeSettings}</td></tr>
 *   <tr><td>RECOMMENDATIONS_QUEUE_URL</td><td>the queue the function reads (required): its redrive
 *       policy names the dead-letter queue that rows Braze refuses are moved to</td></tr>
 *   <tr><td>ATTRIBUTE_SHAPE</td><td>{@code objects} (default) or {@code arrays}, for rows whose
 *       {@code syncDirectives} do not say</td></tr>
 * </table>
 */
public record RecommendationsSettings(BrazeSettings braze, String queueUrl, AttributeShape shape) {

    public static final Set<String> VARIABLES = Stream.concat(BrazeSettings.VARIABLES.stream(),
            Stream.of("RECOMMENDATIONS_QUEUE_URL", "ATTRIBUTE_SHAPE")).collect(Collectors.toUnmodifiableSet());

    public static RecommendationsSettings fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        BrazeSettings braze = BrazeSettings.fromEnv(e);
        String queueUrl = e.required("RECOMMENDATIONS_QUEUE_URL", "the URL of the SQS queue of Personalize rows this"
                + " function reads (its dead-letter queue is found from the queue's redrive policy)");
        AttributeShape shape;
        try {
            shape = AttributeShape.parse(e.optional("ATTRIBUTE_SHAPE", AttributeShape.OBJECTS.configName()));
        } catch (JobConfigException ex) {
            throw new IllegalArgumentException("ATTRIBUTE_SHAPE: " + ex.getMessage(), ex);
        }
        return new RecommendationsSettings(braze, queueUrl, shape);
    }

    /**
     * The sink's settings once the key is known: the module's Braze settings with few attempts
     * ({@link BrazeQueueConsumer#SINK_ATTEMPTS}), since SQS delivers a failed message again.
     */
    public BrazeConfig brazeConfig(String key) {
        return braze.config(key).withMaxAttempts(BrazeQueueConsumer.SINK_ATTEMPTS);
    }
}
