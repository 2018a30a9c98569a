package dev.sluice.personalize.run;

import dev.sluice.personalize.report.Reject;
import java.util.ArrayList;
import java.util.List;

/** What a worker made of one block of batch output: rows per connector, error lines, rejects, counts. */
final class BlockResult {
    final Rows[] rows;
    final List<byte[]> errorLines = new ArrayList<>();
    final List<Reject> rejects = new ArrayList<>();
    long lines;
    long queryLines;
    long errors;
    long unmatched;
    long joined;

    BlockResult(int connectors) {
        rows = new Rows[connectors];
        for (int i = 0; i < connectors; i++) {
            rows[i] = new Rows();
        }
    }
}
