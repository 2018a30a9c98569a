package dev.sluice.personalize.report;

/**
 * Something the job could not use, kept with its reason.
 *
 * @param file     where it came from
 * @param line     1-based, 0 when not from a file's line (a row Braze refused)
 * @param column   1-based, 0 when the whole line is at fault
 * @param reason   what is wrong
 * @param original the line or row as it was
 */
public record Reject(String file, long line, int column, String reason, String original) {
}
