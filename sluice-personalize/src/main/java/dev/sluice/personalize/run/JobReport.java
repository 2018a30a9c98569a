package dev.sluice.personalize.run;

import java.time.Duration;
import java.util.List;

/**
 * What a run did. The batch lines reconcile: {@code linesRead = queryLines + errorLines + badLines}.
 *
 * @param batchFiles        batch output files read
 * @param linesRead         non-blank lines of batch output
 * @param queryLines        lines with recommendations
 * @param errorLines        lines with a non-null {@code error} (kept in {@code errors/} when configured)
 * @param badLines          lines that could not be read (kept in {@code rejects/})
 * @param unmatchedItems    related_items: query items no user is mapped to
 * @param unmatchedMappings related_items: mapped items the batch output does not have
 * @param joinedRows        query rows after the join (before decoration per connector)
 * @param rejected          everything in the rejects file (bad lines, bad mapping or metadata lines,
 *                          rows a destination refused)
 */
public record JobReport(
        String job,
        String jobType,
        String runDateTime,
        long batchFiles,
        long linesRead,
        long queryLines,
        long errorLines,
        long badLines,
        long unmatchedItems,
        long unmatchedMappings,
        long joinedRows,
        long rejected,
        List<String> errorFiles,
        List<String> rejectFiles,
        List<ConnectorReport> connectors,
        Duration duration) {
}
