package dev.sluice.core.rejects;

/** A row the destination will not get, with where it was and why. Column is null for the whole row. */
public record RejectedRow(long line, String column, String reason, String original) {
}
