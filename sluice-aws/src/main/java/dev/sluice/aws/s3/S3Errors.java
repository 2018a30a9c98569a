package dev.sluice.aws.s3;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns the SDK's unchecked exceptions into IOExceptions that say where and what, never with a credential. */
final class S3Errors {
    private S3Errors() {
    }

    /**
     * @param where     the s3:// URI the call was about
     * @param operation e.g. "GetObject"
     */
    static IOException translate(String where, String operation, SdkException e) {
        if (e instanceof NoSuchBucketException) {
            return withCause(new NoSuchFileException(where, null, "no such bucket"), e);
        }
        if (e instanceof NoSuchKeyException || e instanceof S3Exception s && s.statusCode() == 404) {
            return withCause(new NoSuchFileException(where, null, "no such object"), e);
        }
        if (e instanceof S3Exception s) {
            return new IOException(where + ": " + operation + " failed: " + describe(s) + hint(s.statusCode()), e);
        }
        if (e instanceof SdkClientException) {
            return new IOException(where + ": " + operation + " failed: " + e.getMessage(), e);
        }
        return new IOException(where + ": " + operation + " failed: " + e.getMessage(), e);
    }

    /** "403 AccessDenied: Access Denied", or the status alone when a HEAD answer had no body. */
    static String describe(S3Exception e) {
        StringBuilder text = new StringBuilder().append(e.statusCode());
        if (e.awsErrorDetails() != null) {
            String code = e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails().errorMessage();
            if (code != null && !code.isBlank()) {
                text.append(' ').append(code);
            }
            if (message != null && !message.isBlank()) {
                text.append(": ").append(message);
            }
        }
        return text.toString();
    }

    private static String hint(int status) {
        return switch (status) {
            case 301 -> " (the bucket is in another region: set AWS_REGION or use --region)";
            case 403 -> " (check the credentials and the bucket policy; without s3:ListBucket, S3 answers 403 for a missing key)";
            default -> "";
        };
    }

    private static IOException withCause(IOException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }
}
