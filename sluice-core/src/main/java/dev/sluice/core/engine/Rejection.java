package dev.sluice.core.engine;

/** Why a record was not sent or not accepted; column is the header name, or null for the whole row. */
public record Rejection(String column, String reason) {

    public static Rejection row(String reason) {
        return new Rejection(null, reason);
    }

    @Override
    public String toString() {
        return column == null ? reason : "column '" + column + "': " + reason;
    }
}
