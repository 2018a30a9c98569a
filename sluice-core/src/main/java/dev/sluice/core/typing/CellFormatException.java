package dev.sluice.core.typing;

/**
 * A cell that does not parse as the requested type; the message is the reason, e.g.
 * {@code 'abc' is not an integer}. Carries no stack trace.
 */
public class CellFormatException extends Exception {
    public CellFormatException(String reason) {
        super(reason, null, false, false);
    }
}
