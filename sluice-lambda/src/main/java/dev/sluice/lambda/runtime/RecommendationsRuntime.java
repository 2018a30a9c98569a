package dev.sluice.lambda.runtime;

import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.lambda.config.RecommendationsSettings;
import dev.sluice.personalize.queue.BrazeQueueConsumer;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the recommendations queue function needs, built once per execution environment (and again
 * after a SnapStart restore): the settings, the Braze key, one Braze sink and the queue consumer, whose
 * dead-letter queue is looked up from the queue's redrive policy here, during init.
 */
public final class RecommendationsRuntime implements AutoCloseable {
    private final RecommendationsSettings settings;
    private final SqsClient sqs;
    private final BrazeSink sink;
    private final BrazeQueueConsumer consumer;

    private RecommendationsRuntime(RecommendationsSettings settings, SqsClient sqs, BrazeSink sink,
            BrazeQueueConsumer consumer) {
        this.settings = settings;
        this.sqs = sqs;
        this.sink = sink;
        this.consumer = consumer;
    }

    /**
     * @throws IllegalArgumentException or IllegalStateException naming the variable, secret or queue that
     *                                  is wrong, or saying that the queue has no dead-letter queue
     */
    public static RecommendationsRuntime create(Map<String, String> env) {
        RecommendationsSettings settings = RecommendationsSettings.fromEnv(env);
        AwsClientFactory clients = new AwsClientFactory(env);
        String key = ApiKeys.read(settings.braze().apiKey(), clients);
        SqsClient sqs = clients.build(SqsClient.builder(), "SQS");
        BrazeSink sink = null;
        try {
            sink = BrazeSink.open(settings.brazeConfig(key));
            // the wait is for pollOnce, which Lambda does not use: its event source mapping receives
            BrazeQueueConsumer consumer;
            try {
                consumer = BrazeQueueConsumer.open(sqs, settings.queueUrl(), sink, settings.shape(), Duration.ZERO);
            } catch (SdkException e) {
                throw new IllegalStateException("cannot read the redrive policy of " + settings.queueUrl()
                        + " (RECOMMENDATIONS_QUEUE_URL): " + e.getMessage(), e);
            }
            if (consumer.deadLetterQueueUrl() == null) {
                // without one, a row Braze refuses would come back until the retention period ends
                throw new IllegalStateException("the queue " + settings.queueUrl() + " (RECOMMENDATIONS_QUEUE_URL) has"
                        + " no redrive policy: give it a dead-letter queue, where rows Braze refuses are kept");
            }
            return new RecommendationsRuntime(settings, sqs, sink, consumer);
        } catch (RuntimeException e) {
            if (sink != null) {
                sink.close();
            }
            sqs.close();
            throw e;
        }
    }

    public RecommendationsSettings settings() {
        return settings;
    }

    public BrazeQueueConsumer consumer() {
        return consumer;
    }

    @Override
    public void close() {
        sink.close();
        sqs.close();
    }
}
