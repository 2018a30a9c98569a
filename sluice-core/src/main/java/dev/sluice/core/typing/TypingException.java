package dev.sluice.core.typing;

/**
 * A cell that does not parse as its column's explicit type: the row is rejected with this reason.
 * Carries no stack trace (bad files can have many bad cells; the message says everything).
 */
public class TypingException extends Exception {
    private final String column;
    private final String reason;

    public TypingException(String column, String reason) {
        super("column '" + column + "': " + reason, null, false, false);
        this.column = column;
        this.reason = reason;
    }

    /** The header name of the column. */
    public String column() {
        return column;
    }

    /** Why the cell was refused, without the column, e.g. {@code 'abc' is not an integer}. */
    public String reason() {
        return reason;
    }
}
