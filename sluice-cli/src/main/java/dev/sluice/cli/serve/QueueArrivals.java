package dev.sluice.cli.serve;

import dev.sluice.aws.events.S3EventFormatException;
import dev.sluice.aws.events.S3EventMessages;
import dev.sluice.aws.events.S3ObjectEvent;
import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.pipeline.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A bucket's S3 event notifications, delivered to an SQS queue. A message is deleted only once every
 * file it announces is handled, so a crash before that lets SQS deliver it again (at least once; the
 * claims make it exactly once). A file that cannot be taken now is left for the queue's visibility
 * timeout to bring back. Test events and events for other buckets, prefixes or suffixes are deleted at
 * once; a message that is not an S3 event is left alone, so the queue's redrive policy moves it to the
 * dead-letter queue after its maximum receives.
 */
final class QueueArrivals implements ArrivalSource {
    private static final int MAX_MESSAGES = 10;

    private final Pipeline pipeline;
    private final SqsClient sqs;
    private final String queueUrl;
    private final int waitSeconds;
    private final Consumer<String> log;

    /** @param waitSeconds long-polling wait per look (0–20) */
    QueueArrivals(Pipeline pipeline, SqsClient sqs, int waitSeconds, Consumer<String> log) {
        this.pipeline = pipeline;
        this.sqs = sqs;
        this.queueUrl = pipeline.source().queueUrl();
        this.waitSeconds = waitSeconds;
        this.log = log;
    }

    @Override
    public List<Arrival> look() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds(waitSeconds)).messages();
        List<Arrival> arrivals = new ArrayList<>();
        for (Message message : messages) {
            arrivals.addAll(arrivals(message));
        }
        return arrivals;
    }

    private List<Arrival> arrivals(Message message) {
        List<S3ObjectEvent> events;
        try {
            events = S3EventMessages.parse(message.body());
        } catch (S3EventFormatException e) {
            log.accept("queue " + queueUrl + ": message " + message.messageId() + " left for the dead-letter queue: "
                    + e.getMessage());
            return List.of();
        }
        List<S3ObjectEvent> ours = events.stream().filter(this::ours).toList();
        if (ours.isEmpty()) {
            delete(message);
            return List.of();
        }
        MessageReceipts receipts = new MessageReceipts(message, ours.size());
        List<Arrival> arrivals = new ArrayList<>();
        for (S3ObjectEvent event : ours) {
            String key = event.key().substring(pipeline.source().bucketPrefix().length());
            String identity = event.versionId() != null ? event.versionId() : event.eTag();
            arrivals.add(new Arrival(pipeline, "s3://" + event.bucket() + "/" + event.key(), key, event.versionId(),
                    identity, receipts.next()));
        }
        return arrivals;
    }

    private boolean ours(S3ObjectEvent event) {
        Source source = pipeline.source();
        return event.bucket().equals(source.bucketName())
                && event.key().startsWith(source.bucketPrefix())
                && Candidates.wanted(source, event.key().substring(source.bucketPrefix().length()));
    }

    private void delete(Message message) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    /** Deletes the message when the last of its files is handled; never when one of them is left for later. */
    private final class MessageReceipts {
        private final Message message;
        private final AtomicInteger pending;
        private volatile boolean deferred;

        MessageReceipts(Message message, int files) {
            this.message = message;
            this.pending = new AtomicInteger(files);
        }

        Receipt next() {
            return new Receipt() {
                @Override
                public void handled() {
                    if (pending.decrementAndGet() == 0 && !deferred) {
                        delete(message);
                    }
                }

                @Override
                public void later() {
                    deferred = true;
                    pending.decrementAndGet();
                }
            };
        }
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public String describe() {
        return "queue " + queueUrl + " (S3 events of " + pipeline.source().bucketUri() + ")";
    }
}
