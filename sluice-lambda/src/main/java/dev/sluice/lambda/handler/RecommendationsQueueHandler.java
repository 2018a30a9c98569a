package dev.sluice.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sluice.lambda.runtime.RecommendationsRuntime;
import dev.sluice.lambda.runtime.SnapStartRuntime;
import dev.sluice.personalize.queue.BrazeQueueConsumer;
import dev.sluice.personalize.queue.BrazeQueueConsumer.MessageResult;
import dev.sluice.personalize.queue.BrazeQueueConsumer.QueueMessage;
import dev.sluice.personalize.queue.BrazeQueueConsumer.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Handler for the Personalize recommendations queue: each message is one output row of the
 * {@code braze} connector ({@code sluice personalize run --queue-url}, {@code OutputEnqueuer}), and the
 * batch goes to Braze through {@link BrazeQueueConsumer#process(List)}, 75 rows a request.
 * <ul>
 *   <li>delivered, or skipped (no recommendations): done, Lambda deletes the message;</li>
 *   <li>refused by Braze (a 400 for its object, an entry in {@code errors[]}) or not a row: moved to the
 *       dead-letter queue with the reason as its {@code sluice_reason} attribute, then done;</li>
 *   <li>not sent (Braze kept answering 429/5xx, or could not be reached): reported in
 *       {@link SQSBatchResponse#getBatchItemFailures()} (the event source mapping needs
 *       {@code ReportBatchItemFailures}), so SQS delivers it again after the visibility timeout and,
 *       after the queue's {@code maxReceiveCount}, moves it to the dead-letter queue itself.</li>
 * </ul>
 * Only the failed messages come back, so a redelivery never sends the delivered rows of its batch again.
 */
public final class RecommendationsQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final SnapStartRuntime<RecommendationsRuntime> runtime;

    /** Lambda's constructor: configuration from the process environment. */
    public RecommendationsQueueHandler() {
        this(System::getenv);
    }

    /** A handler configured from {@code env} (tests, other hosts). */
    public RecommendationsQueueHandler(Supplier<Map<String, String>> env) {
        this.runtime = new SnapStartRuntime<>(env, RecommendationsRuntime::create);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        BrazeQueueConsumer consumer = runtime.get().consumer();
        List<QueueMessage> messages = event.getRecords().stream()
                .map(m -> new QueueMessage(m.getMessageId(), m.getBody())).toList();
        List<MessageResult> results = consumer.process(messages);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (int i = 0; i < messages.size(); i++) {
            MessageResult result = results.get(i);
            counts.merge(result.status(), 1, Integer::sum);
            boolean done = switch (result.status()) {
                case DELIVERED, SKIPPED -> true;
                case REJECTED -> deadLetter(consumer, messages.get(i), result.reason(), context);
                case RETRY -> {
                    context.getLogger().log("Message " + result.id() + " goes back to the queue: " + result.reason());
                    yield false;
                }
            };
            if (!done) {
                failures.add(new SQSBatchResponse.BatchItemFailure(result.id()));
            }
        }
        context.getLogger().log(messages.size() + " messages: " + counts.getOrDefault(Status.DELIVERED, 0)
                + " delivered, " + counts.getOrDefault(Status.SKIPPED, 0) + " skipped (no recommendations), "
                + counts.getOrDefault(Status.REJECTED, 0) + " refused, " + failures.size() + " to deliver again");
        return new SQSBatchResponse(failures);
    }

    /** Whether the refused message is in the dead-letter queue; if SQS failed, it comes back and is tried again. */
    private static boolean deadLetter(BrazeQueueConsumer consumer, QueueMessage message, String reason, Context context) {
        context.getLogger().log("Message " + message.id() + " is refused and goes to the dead-letter queue: " + reason);
        try {
            return consumer.deadLetter(message, reason);
        } catch (SdkException e) {
            context.getLogger().log("Message " + message.id() + " could not be moved to the dead-letter queue ("
                    + e.getMessage() + "); it goes back to the queue");
            return false;
        }
    }
}
