package dev.sluice.personalize.queue;

import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.personalize.braze.Payload;
import dev.sluice.personalize.braze.RecommendationPayload;
import dev.sluice.personalize.job.AttributeShape;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Sends queued Braze rows ({@link OutputEnqueuer}) to Braze through a sink (the foundation's
 * {@link dev.sluice.braze.sink.BrazeSink}: 75 objects a request, retries with backoff on 429 and
 * 5xx, the workspace rate limit). Two ways in:
 * <ul>
 *   <li>{@link #pollOnce()}: receive up to ten messages, send them, delete what is done (for
 *       {@code sluice serve}, which calls it in a loop);</li>
 *   <li>{@link #process(List)} / {@link #processBody(String)}: decide about messages another runtime
 *       received (a Lambda SQS handler moves the {@link Status#REJECTED} ones with
 *       {@link #deadLetter(QueueMessage, String)} and reports the {@link Status#RETRY} ones as batch
 *       item failures).</li>
 * </ul>
 * A message Braze refuses, or one that is not a row, is {@link Status#REJECTED}: moved to the
 * dead-letter queue at once (with the reason as the {@code sluice_reason} attribute) when the queue
 * has one. A message that could not be sent (Braze kept failing, the sink stopped) is
 * {@link Status#RETRY}: left on the queue, it comes back after the visibility timeout, and after the
 * queue's {@code maxReceiveCount} receives SQS moves it to the dead-letter queue.
 */
public final class BrazeQueueConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(BrazeQueueConsumer.class);
    private static final int MAX_MESSAGES = 10;

    /**
     * Attempts per Braze request the consumer's sink should make (the sink's default is 10). A message
     * that still fails is not lost: it goes back to the queue and comes again after the visibility
     * timeout, up to the queue's maxReceiveCount. Every attempt here is multiplied by those receives
     * (10 × 5 would be 50 requests per row against a failing Braze), and a wait here holds the caller (a
     * billed Lambda invocation, serve's loop) while the queue waits for free; 3 rides out a blip (a 429
     * waits for Braze's window, a 5xx backs off) and leaves the long waits to the queue.
     */
    public static final int SINK_ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final Sink<BrazeObject> sink;
    private final AttributeShape defaultShape;
    private final Duration wait;

    /** What became of one message. */
    public enum Status { DELIVERED, SKIPPED, REJECTED, RETRY }

    /** A received message: its id (SQS message id, or any id the caller uses) and body. */
    public record QueueMessage(String id, String body) {
    }

    public record MessageResult(String id, Status status, String reason) {
    }

    /** What one {@link #pollOnce()} did. */
    public record PollResult(int received, int delivered, int skipped, int rejected, int retry) {
    }

    /**
     * @param deadLetterQueueUrl where refused messages go at once, or null to leave them to the
     *                           queue's redrive policy
     * @param wait               long-polling wait of {@link #pollOnce()} (at most 20 s)
     */
    public BrazeQueueConsumer(SqsClient sqs, String queueUrl, String deadLetterQueueUrl, Sink<BrazeObject> sink,
            AttributeShape defaultShape, Duration wait) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.sink = sink;
        this.defaultShape = defaultShape;
        this.wait = wait;
    }

    /** A consumer whose dead-letter queue is the one the queue's redrive policy names (if any). */
    public static BrazeQueueConsumer open(SqsClient sqs, String queueUrl, Sink<BrazeObject> sink,
            AttributeShape defaultShape, Duration wait) {
        return new BrazeQueueConsumer(sqs, queueUrl, DeadLetterQueues.of(sqs, queueUrl), sink, defaultShape, wait);
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    /** Receives once (long polling up to the wait) and handles what came. */
    public PollResult pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds((int) Math.min(20, wait.toSeconds()))
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        if (messages.isEmpty()) {
            return new PollResult(0, 0, 0, 0, 0);
        }
        List<QueueMessage> received = messages.stream().map(m -> new QueueMessage(m.messageId(), m.body())).toList();
        List<MessageResult> results = process(received);
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        int[] counts = new int[Status.values().length];
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            MessageResult result = results.get(i);
            counts[result.status().ordinal()]++;
            boolean finished = result.status() == Status.DELIVERED || result.status() == Status.SKIPPED
                    || result.status() == Status.REJECTED
                    && deadLetter(new QueueMessage(message.messageId(), message.body()), result.reason());
            if (finished) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(message.receiptHandle()).build());
            } else if (result.status() == Status.RETRY) {
                LOG.warn("message {} (receive {}) stays on the queue for another attempt: {}", message.messageId(),
                        message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT), result.reason());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return new PollResult(messages.size(), counts[Status.DELIVERED.ordinal()], counts[Status.SKIPPED.ordinal()],
                counts[Status.REJECTED.ordinal()], counts[Status.RETRY.ordinal()]);
    }

    /** One message body; see {@link #process(List)}. */
    public MessageResult processBody(String body) {
        return process(List.of(new QueueMessage("0", body))).get(0);
    }

    /** Sends the rows of these messages to Braze, in their order, and says what became of each. */
    public List<MessageResult> process(List<QueueMessage> messages) {
        MessageResult[] results = new MessageResult[messages.size()];
        List<Integer> sending = new ArrayList<>();
        List<BrazeObject> objects = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            QueueMessage m = messages.get(i);
            Payload payload = RecommendationPayload.of(m.body().getBytes(StandardCharsets.UTF_8), defaultShape);
            if (payload instanceof Payload.Send send) {
                sending.add(i);
                objects.add(send.object());
            } else if (payload instanceof Payload.Skip skip) {
                results[i] = new MessageResult(m.id(), Status.SKIPPED, skip.reason());
            } else {
                results[i] = new MessageResult(m.id(), Status.REJECTED, ((Payload.Invalid) payload).reason());
            }
        }
        SinkLimits limits = sink.limits();
        int from = 0;
        while (from < objects.size()) {
            int to = from;
            long bytes = 0;
            while (to < objects.size() && to - from < limits.maxItems()
                    && (to == from || bytes + objects.get(to).sizeBytes() <= limits.maxItemBytes())) {
                bytes += objects.get(to).sizeBytes();
                to++;
            }
            send(messages, sending.subList(from, to), objects.subList(from, to), results);
            from = to;
        }
        return List.of(results);
    }

    private void send(List<QueueMessage> messages, List<Integer> indexes, List<BrazeObject> objects,
            MessageResult[] results) {
        List<Outcome> outcomes;
        try {
            outcomes = sink.write(objects).join();
        } catch (RuntimeException e) {
            // the sink stopped (retries exhausted, a refused key) or could not be reached: try again later
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            for (int index : indexes) {
                results[index] = new MessageResult(messages.get(index).id(), Status.RETRY, cause.getMessage());
            }
            return;
        }
        for (int j = 0; j < indexes.size(); j++) {
            int index = indexes.get(j);
            String id = messages.get(index).id();
            if (outcomes.get(j) instanceof Outcome.Rejected rejected) {
                LOG.warn("Braze refused the row of message {}: {}", id, rejected.reason());
                results[index] = new MessageResult(id, Status.REJECTED, rejected.reason());
            } else {
                results[index] = new MessageResult(id, Status.DELIVERED, null);
            }
        }
    }

    /**
     * Moves a refused message to the dead-letter queue, with the reason as its {@code sluice_reason}
     * attribute; false when there is none (the redrive policy will, after maxReceiveCount). The caller
     * then deletes it from the queue ({@link #pollOnce()}) or reports it done (a Lambda SQS handler).
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when SQS refuses or cannot be reached
     */
    public boolean deadLetter(QueueMessage message, String reason) {
        if (deadLetterQueueUrl == null) {
            LOG.warn("message {} was refused ({}); without a dead-letter queue it stays until the redrive policy"
                    + " or the retention period removes it", message.id(), reason);
            return false;
        }
        String shortReason = reason == null ? "refused" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl).messageBody(message.body()).messageAttributes(Map.of(
                "sluice_reason", MessageAttributeValue.builder().dataType("String").stringValue(shortReason).build())));
        return true;
    }
}
