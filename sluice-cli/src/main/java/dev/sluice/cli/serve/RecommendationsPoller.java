package dev.sluice.cli.serve;

import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.pipeline.BrazeDestinationConfig;
import dev.sluice.core.pipeline.PersonalizeQueue;
import dev.sluice.core.rate.RateLimit;
import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.personalize.queue.BrazeQueueConsumer;
import dev.sluice.personalize.queue.BrazeQueueConsumer.PollResult;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A queue of Personalize recommendation rows ({@code personalize_queues:}) sent on to Braze by the
 * connector's {@link BrazeQueueConsumer}: delivered and skipped messages are deleted, refused ones go to
 * the dead-letter queue, failed ones come back after the visibility timeout (and reach the dead-letter
 * queue after the queue's maxReceiveCount).
 */
final class RecommendationsPoller implements Poller {
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final PersonalizeQueue queue;
    private final Sink<BrazeObject> sink;
    private final BrazeQueueConsumer consumer;
    private final ServeMetrics metrics;

    RecommendationsPoller(PersonalizeQueue queue, SqsClient sqs, ServeMetrics metrics) {
        this.queue = queue;
        this.sink = BrazeSink.open(brazeConfig(queue.braze()));
        this.consumer = BrazeQueueConsumer.open(sqs, queue.queueUrl(), sink, AttributeShape.parse(queue.attributeShape()),
                WAIT);
        this.metrics = metrics;
    }

    /**
     * The workspace as {@code braze:} describes it, with the sink's defaults for what it leaves out, and
     * the consumer's few attempts per request (SQS redelivery multiplies them).
     */
    static BrazeConfig brazeConfig(BrazeDestinationConfig braze) {
        BrazeConfig config = BrazeConfig.defaults(URI.create(braze.restUrl()), braze.apiKey())
                .withMaxAttempts(BrazeQueueConsumer.SINK_ATTEMPTS);
        if (braze.concurrency() != null) {
            config = config.withConcurrency(braze.concurrency());
        }
        if (braze.rateLimit() != null) {
            config = config.withRateLimit(RateLimit.parse(braze.rateLimit()));
        }
        if (braze.timeout() != null) {
            config = config.withTimeouts(config.connectTimeout(), braze.timeout());
        }
        return config;
    }

    @Override
    public boolean pollOnce() {
        PollResult r = consumer.pollOnce();
        metrics.messages(queue.name(), "delivered", r.delivered());
        metrics.messages(queue.name(), "skipped", r.skipped());
        metrics.messages(queue.name(), "rejected", r.rejected());
        metrics.messages(queue.name(), "retry", r.retry());
        return r.received() > 0;
    }

    @Override
    public String describe() {
        return "queue " + queue.queueUrl() + " (Personalize recommendations → Braze " + queue.braze().restUrl() + ")";
    }

    @Override
    public void close() {
        try {
            sink.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close the Braze sink: " + e.getMessage(), e);
        }
    }
}
