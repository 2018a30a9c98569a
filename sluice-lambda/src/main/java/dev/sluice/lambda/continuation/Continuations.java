package dev.sluice.lambda.continuation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Hands the rest of a file to a new invocation, as the seed does: Lambda {@code Invoke} with
 * {@code InvocationType=Event} (asynchronous: Lambda queues the event and answers 202 at once).
 */
public final class Continuations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<LambdaClient> lambda;

    /** {@code lambda} is asked for the client at each call: SnapStart may have replaced it. */
    public Continuations(Supplier<LambdaClient> lambda) {
        this.lambda = lambda;
    }

    /**
     * Queues {@code event} for {@code function} (a name or ARN; an alias-qualified ARN keeps the
     * continuation on the alias, where SnapStart applies).
     *
     * @throws ContinuationException when Lambda does not accept the event
     */
    public void invoke(String function, ObjectNode event) {
        InvokeResponse response;
        try {
            response = lambda.get().invoke(b -> b.functionName(function)
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(bytes(event))));
        } catch (SdkException e) {
            throw new ContinuationException("could not invoke " + function + " to continue the file: " + e.getMessage(), e);
        }
        if (response.statusCode() == null || response.statusCode() != 202) {
            throw new ContinuationException("Lambda answered " + response.statusCode() + " instead of 202 when invoking "
                    + function + " to continue the file", null);
        }
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The continuation could not be queued: the file stops here, and its event is logged for a person. */
    public static final class ContinuationException extends RuntimeException {
        ContinuationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
