package dev.sluice.aws.events;

/** A queue message that is not an S3 event notification; the message names what was wrong. */
public class S3EventFormatException extends RuntimeException {
    public S3EventFormatException(String message) {
        super(message);
    }

    public S3EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
