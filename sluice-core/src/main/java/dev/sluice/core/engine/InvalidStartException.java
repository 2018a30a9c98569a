package dev.sluice.core.engine;

/** A start point that cannot be right (an offset inside a line, a header that differs from the file's). */
public class InvalidStartException extends RuntimeException {
    public InvalidStartException(String message) {
        super(message);
    }
}
