package dev.sluice.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.aws.events.S3EventFormatException;
import dev.sluice.aws.events.S3EventMessages;
import dev.sluice.lambda.continuation.FileEvent;
import dev.sluice.lambda.imports.FileOutcome;
import dev.sluice.lambda.imports.Invocation;
import dev.sluice.lambda.imports.InvocationFiles;
import dev.sluice.lambda.runtime.LambdaRuntime;
import dev.sluice.lambda.runtime.SnapStartRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Handler for an SQS queue that receives the bucket's S3 event notifications (directly, or wrapped
 * in an SNS envelope). Each message's files are imported; a file that needs more time continues as
 * an S3-shaped event in {@code CONTINUE_FUNCTION} (the {@link S3EventHandler} function), and its
 * message is done. A message whose file failed, or that another invocation is busy with, is reported
 * in {@link SQSBatchResponse#getBatchItemFailures()} (the event source mapping needs
 * {@code ReportBatchItemFailures}), so SQS delivers it again and, after {@code maxReceiveCount}
 * attempts, moves it to the dead-letter queue. The failure notification goes out on the last attempt
 * only ({@code MAX_RECEIVES}), so a file is announced once.
 */
public final class SqsEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SnapStartRuntime<LambdaRuntime> runtime;

    public SqsEventHandler() {
        this(System::getenv);
    }

    /**
     * @throws IllegalArgumentException without CONTINUE_FUNCTION: this function takes SQS events, so
     *                                  continuations must go to the S3 event function
     */
    public SqsEventHandler(Supplier<Map<String, String>> env) {
        this.runtime = new SnapStartRuntime<>(env, LambdaRuntime::create);
        if (runtime.get().settings().continueFunction() == null) {
            throw new IllegalArgumentException("CONTINUE_FUNCTION is not set: the queue handler hands long files to"
                    + " the function running S3EventHandler (its name or ARN)");
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        LambdaRuntime rt = runtime.get();
        InvocationFiles files = new InvocationFiles(rt.importer());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            Invocation invocation = new Invocation(context, rt.settings().continueFunction(),
                    receiveCount(message) >= rt.settings().maxReceives());
            if (!handle(message, files, invocation)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Whether the message is done with (imported, continued, skipped); false to have SQS deliver it again. */
    private static boolean handle(SQSEvent.SQSMessage message, InvocationFiles files, Invocation invocation) {
        JsonNode body;
        try {
            body = S3EventMessages.read(message.getBody());
        } catch (S3EventFormatException e) {
            invocation.log("Message " + message.getMessageId() + ": " + e.getMessage());
            return false;
        }
        if (S3EventMessages.isTestEvent(body)) {
            invocation.log("Message " + message.getMessageId() + " is S3's test event; nothing to import");
            return true;
        }
        List<FileEvent> events;
        try {
            events = FileEvent.parse(body);
        } catch (IllegalArgumentException e) {
            invocation.log("Message " + message.getMessageId() + ": " + e.getMessage());
            return false;
        }
        boolean done = true;
        for (FileEvent file : events) {
            FileOutcome outcome = files.next(file, invocation);
            done &= !(outcome instanceof FileOutcome.Failed || outcome instanceof FileOutcome.Busy);
        }
        return done;
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
