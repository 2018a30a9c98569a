package dev.sluice.lambda.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What Lambda's SQS event source mapping does with {@code ReportBatchItemFailures}, against a real
 * queue (ElasticMQ): receive up to a batch of messages (ten per ReceiveMessage, SQS's most), hand them
 * to the handler as one {@link SQSEvent}, then delete the messages the response does not name. The
 * named ones stay in flight until their visibility timeout ends, then SQS delivers them again, and
 * after the queue's maxReceiveCount moves them to its dead-letter queue. A stand-in for Lambda's poller
 * (there is no Lambda service here); the queue, its receive counts and its redrive are the real ones.
 */
public final class EventSourceMapping {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private SQSEvent lastEvent;

    public EventSourceMapping(SqsClient sqs, String queueUrl, int batchSize) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.batchSize = batchSize;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** One poll and invocation: the handler's answer, or null when no message came within {@code wait}. */
    public SQSBatchResponse poll(RequestHandler<SQSEvent, SQSBatchResponse> handler, Context context, Duration wait) {
        List<Message> received = receive(wait);
        if (received.isEmpty()) {
            return null;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream().map(this::record).toList());
        lastEvent = event;
        SQSBatchResponse response = handler.handleRequest(event, context);
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        List<Message> done = received.stream().filter(m -> !failed.contains(m.messageId())).toList();
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : done.subList(from, Math.min(done.size(), from + 10))) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
        return response;
    }

    /** The event of the last invocation, in the order the handler saw its messages. */
    public SQSEvent lastEvent() {
        return lastEvent;
    }

    private List<Message> receive(Duration wait) {
        List<Message> all = new ArrayList<>();
        int waitSeconds = (int) wait.toSeconds();
        while (all.size() < batchSize) {
            int max = Math.min(10, batchSize - all.size());
            int seconds = all.isEmpty() ? waitSeconds : 0;
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max)
                    .waitTimeSeconds(seconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (got.isEmpty()) {
                break;
            }
            all.addAll(got);
        }
        return all;
    }

    private SQSEvent.SQSMessage record(Message m) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        record.setMd5OfBody(m.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        m.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion("us-east-1");
        return record;
    }
}
