package dev.sluice.core.engine;

/**
 * The sink cannot go on: credentials refused, retries exhausted, the destination gone. The job stops
 * at its last checkpoint and can be resumed; the message says what a person should do.
 */
public class SinkStoppedException extends RuntimeException {
    public SinkStoppedException(String message) {
        super(message);
    }

    public SinkStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
