package dev.sluice.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.lambda.continuation.FileEvent;
import dev.sluice.lambda.imports.FileOutcome;
import dev.sluice.lambda.imports.Invocation;
import dev.sluice.lambda.imports.InvocationFiles;
import dev.sluice.lambda.runtime.LambdaRuntime;
import dev.sluice.lambda.runtime.SnapStartRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Handler for an S3 event notification, and for the seed's continuation events (the S3 event plus
 * {@code "offset"} and {@code "headers"}), which it receives from itself, from the queue handler, or
 * from a person replaying a logged event. A stream handler, because the Lambda runtime's own S3Event
 * type would drop {@code offset} and {@code headers}.
 *
 * <p>A file that failed fails the invocation (after logging its continuation event and publishing the
 * failure notification), as the seed does: the function's Errors metric and alarm see it, and with
 * retries set to 0 Lambda does not send the rows again on its own.
 */
public final class S3EventHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnapStartRuntime<LambdaRuntime> runtime;

    /** Lambda's constructor: configuration from the process environment. */
    public S3EventHandler() {
        this(System::getenv);
    }

    /** A handler configured from {@code env} (tests, other hosts). */
    public S3EventHandler(Supplier<Map<String, String>> env) {
        this.runtime = new SnapStartRuntime<>(env, LambdaRuntime::create);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaRuntime rt = runtime.get();
        JsonNode event = JSON.readTree(input);
        String function = rt.settings().continueFunction() != null ? rt.settings().continueFunction()
                : context.getInvokedFunctionArn();
        Invocation invocation = new Invocation(context, function, true);
        InvocationFiles files = new InvocationFiles(rt.importer());
        ArrayNode summary = JSON.createArrayNode();
        String failure = null;
        List<FileEvent> events = FileEvent.parse(event);
        if (events.isEmpty()) {
            invocation.log("The event announces no created object; nothing to import");
        }
        for (FileEvent file : events) {
            FileOutcome outcome = files.next(file, invocation);
            summary.add(Outcomes.describe(file, outcome));
            if (outcome instanceof FileOutcome.Failed failed && failure == null) {
                failure = file.uri() + ": " + failed.message();
            }
        }
        if (failure != null) {
            throw new FileImportFailedException(failure);
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("files", summary);
        JSON.writeValue(output, result);
    }

    /** A file of the event failed; its continuation event is in the log. */
    public static final class FileImportFailedException extends RuntimeException {
        FileImportFailedException(String message) {
            super(message);
        }
    }
}
