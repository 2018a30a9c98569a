package dev.sluice.personalize.queue;

import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.output.OutputLine;
import dev.sluice.personalize.report.Reject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Puts each row of a Braze output file on an SQS queue as one message, ten to a
 * {@code SendMessageBatch} (SQS's most) and at most 256 KiB a batch. Entry ids are the row's place in
 * its batch ({@code 0}…{@code 9}), never the user id, which may hold characters SQS refuses in ids or
 * be longer than 80. Entries SQS reports as failed in a successful answer are sent again (a failure
 * that is the sender's fault stops the run); a row larger than an SQS message is rejected.
 */
public final class OutputEnqueuer {
    /** SQS's limit for one message and for a whole batch. */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final int MAX_ENTRIES = 10;
    private static final int MAX_ATTEMPTS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private long requests;
    private long retries;

    public OutputEnqueuer(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** What one file gave the queue. */
    public record Enqueued(long messages, long rejected, boolean ignored) {
    }

    /**
     * Enqueues the rows of {@code key} when it is a Braze output file ({@link OutputKeys}) with content;
     * otherwise does nothing and says it was ignored.
     */
    public Enqueued enqueue(Folder folder, String key, long size, Consumer<Reject> rejects) throws IOException {
        if (size == 0 || !OutputKeys.isBrazeOutput(key)) {
            return new Enqueued(0, 0, true);
        }
        long[] counts = new long[2];
        List<String> batch = new ArrayList<>(MAX_ENTRIES);
        int[] batchBytes = {0};
        OutputLine.read(folder, key, lines -> {
            for (OutputLine line : lines) {
                int bytes = line.bytes().length;
                if (bytes > MAX_BATCH_BYTES) {
                    counts[1]++;
                    rejects.accept(new Reject(line.file(), line.number(), 0, "the row is " + bytes
                            + " bytes; an SQS message holds at most " + MAX_BATCH_BYTES, line.text()));
                    continue;
                }
                if (batch.size() == MAX_ENTRIES || batchBytes[0] + bytes > MAX_BATCH_BYTES) {
                    counts[0] += send(batch);
                    batch.clear();
                    batchBytes[0] = 0;
                }
                batch.add(line.text());
                batchBytes[0] += bytes;
            }
        });
        counts[0] += send(batch);
        return new Enqueued(counts[0], counts[1], false);
    }

    public long requests() {
        return requests;
    }

    public long retries() {
        return retries;
    }

    private int send(List<String> bodies) throws IOException {
        if (bodies.isEmpty()) {
            return 0;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i)).build());
        }
        for (int attempt = 1; ; attempt++) {
            SendMessageBatchResponse response;
            List<SendMessageBatchRequestEntry> sending = entries;
            try {
                requests++;
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(sending));
            } catch (SdkException e) {
                throw new IOException("cannot send to the queue " + queueUrl + ": " + e.getMessage(), e);
            }
            if (response.failed().isEmpty()) {
                return bodies.size();
            }
            List<BatchResultErrorEntry> senderFaults = response.failed().stream().filter(BatchResultErrorEntry::senderFault)
                    .toList();
            if (!senderFaults.isEmpty() || attempt == MAX_ATTEMPTS) {
                List<BatchResultErrorEntry> shown = senderFaults.isEmpty() ? response.failed() : senderFaults;
                throw new IOException("the queue " + queueUrl + " refused " + shown.size() + " of " + entries.size()
                        + " messages" + (senderFaults.isEmpty() ? " after " + MAX_ATTEMPTS + " attempts" : "") + ": "
                        + shown.stream().map(f -> f.code() + " " + f.message()).distinct()
                                .collect(Collectors.joining("; ")));
            }
            Map<String, SendMessageBatchRequestEntry> byId = entries.stream()
                    .collect(Collectors.toMap(SendMessageBatchRequestEntry::id, e -> e));
            entries = response.failed().stream().map(f -> byId.get(f.id())).toList();
            retries++;
            pause(attempt);
        }
    }

    private static void pause(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(100L << Math.min(attempt, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while enqueueing");
        }
    }
}
