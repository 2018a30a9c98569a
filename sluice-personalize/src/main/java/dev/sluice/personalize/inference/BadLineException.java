package dev.sluice.personalize.inference;

/** A line that cannot be read; {@link #column()} is 1-based, 0 when the whole line is at fault. */
public final class BadLineException extends Exception {
    private final int column;

    public BadLineException(int column, String message) {
        super(message, null, false, false);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
