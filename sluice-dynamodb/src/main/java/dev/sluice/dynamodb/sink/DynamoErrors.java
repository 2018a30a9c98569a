package dev.sluice.dynamodb.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * What a failed DynamoDB call means for the sink: retry it, refuse the item, skip it (a condition),
 * or stop the job. Messages quote DynamoDB's error code and text, which never contain credentials.
 */
final class DynamoErrors {

    enum Kind {
        /** The request as sent is invalid: bisect a batch, reject a single item. */
        REFUSED,
        /** A conditional write found the item existing, or missing. */
        CONDITION,
        /** Throttled: retry with backoff. */
        THROTTLED,
        /** 5xx, network, timeouts: retry with backoff. */
        TRANSIENT,
        /** The table is gone. */
        NO_TABLE,
        /** Credentials or permissions. */
        ACCESS,
        /** Anything else: stop rather than guess. */
        FATAL
    }

    private static final Set<String> REFUSED_CODES = Set.of("ValidationException", "SerializationException",
            "ItemCollectionSizeLimitExceededException");
    private static final Set<String> THROTTLING_CODES = Set.of("ProvisionedThroughputExceededException",
            "ThrottlingException", "RequestLimitExceeded", "RequestLimitExceededException", "ThrottlingError",
            "TooManyRequestsException", "SlowDown");
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalServerError", "InternalServerErrorException",
            "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException", "TransactionConflictException",
            "TransactionInProgressException", "RequestTimeout", "RequestTimeoutException");
    private static final Set<String> ACCESS_CODES = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationToken",
            "MissingAuthenticationTokenException", "IncompleteSignatureException", "ExpiredTokenException",
            "ExpiredToken", "InvalidClientTokenId", "SignatureDoesNotMatch", "NotAuthorized");

    private DynamoErrors() {
    }

    static Kind classify(Throwable error) {
        if (error instanceof AwsServiceException e) {
            return classifyService(e);
        }
        if (error instanceof AbortedException) {
            return Kind.FATAL; // interrupted: the sink is closing
        }
        if (error instanceof SdkClientException e) {
            return transientClientFailure(e) ? Kind.TRANSIENT : Kind.FATAL;
        }
        return Kind.FATAL;
    }

    private static Kind classifyService(AwsServiceException e) {
        String code = code(e) == null ? "" : code(e); // Set.of(...).contains(null) throws
        if (e instanceof ConditionalCheckFailedException || "ConditionalCheckFailedException".equals(code)) {
            return Kind.CONDITION;
        }
        if (e instanceof ProvisionedThroughputExceededException || e instanceof ThrottlingException
                || e instanceof RequestLimitExceededException || THROTTLING_CODES.contains(code)
                || e.isThrottlingException()) {
            return Kind.THROTTLED;
        }
        if (e instanceof ItemCollectionSizeLimitExceededException || REFUSED_CODES.contains(code)) {
            return Kind.REFUSED;
        }
        if (e instanceof ResourceNotFoundException || "ResourceNotFoundException".equals(code)) {
            return Kind.NO_TABLE;
        }
        if (ACCESS_CODES.contains(code) || e.statusCode() == 401 || e.statusCode() == 403) {
            return Kind.ACCESS;
        }
        if (e instanceof InternalServerErrorException || e instanceof TransactionConflictException
                || TRANSIENT_CODES.contains(code) || e.statusCode() >= 500) {
            return Kind.TRANSIENT;
        }
        return Kind.FATAL;
    }

    /** Network failures and timeouts; not "no credentials found" or "no region", which no retry fixes. */
    private static boolean transientClientFailure(SdkClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException
                    || cause instanceof ApiCallAttemptTimeoutException || cause instanceof ApiCallTimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** DynamoDB's error code, e.g. {@code ValidationException}, or null. */
    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** DynamoDB's own text, without the SDK's "(Service: …, Status Code: …, Request ID: …)" suffix. */
    static String message(Throwable error) {
        if (error instanceof AwsServiceException e && e.awsErrorDetails() != null
                && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        String text = error.getMessage();
        return text == null ? error.getClass().getSimpleName() : text;
    }

    /** {@code Code: message}, for stop messages and retry reasons. */
    static String describe(Throwable error) {
        String code = error instanceof AwsServiceException e ? code(e) : null;
        if (code == null) {
            code = error.getClass().getSimpleName();
        }
        String message = message(error);
        return message.equals(code) ? code : code + ": " + message;
    }
}
