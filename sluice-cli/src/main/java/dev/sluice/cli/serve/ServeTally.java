package dev.sluice.cli.serve;

import dev.sluice.cli.ExitCode;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a serve run did with files, for its closing summary and exit code: 0 when every file it took is
 * done without rejected rows; 1 when a file failed or had rows rejected (see done/ and failed/); 3 when a
 * file was left stopped, to resume at the next start.
 */
public final class ServeTally {
    private final Map<FileOutcome, Integer> outcomes = new EnumMap<>(FileOutcome.class);
    private final Set<String> stopped = new HashSet<>();
    private int withRejectedRows;

    synchronized void record(Arrival arrival, FileOutcome outcome, boolean rejectedRows) {
        if (outcome == FileOutcome.WAITING) {
            return;
        }
        outcomes.merge(outcome, 1, Integer::sum);
        if (outcome == FileOutcome.STOPPED) {
            stopped.add(arrival.claimKey());
        } else {
            stopped.remove(arrival.claimKey());
        }
        if (rejectedRows) {
            withRejectedRows++;
        }
    }

    public synchronized int exitCode() {
        if (!stopped.isEmpty()) {
            return ExitCode.STOPPED;
        }
        return count(FileOutcome.FAILED) > 0 || withRejectedRows > 0 ? ExitCode.REJECTED_ROWS : ExitCode.OK;
    }

    /** e.g. "files: 3 done (1 with rejected rows), 1 failed, 0 stopped, 2 repeated" */
    public synchronized String summary() {
        return "files: " + count(FileOutcome.DONE) + " done" + (withRejectedRows > 0 ? " (" + withRejectedRows
                + " with rejected rows)" : "") + ", " + count(FileOutcome.FAILED) + " failed, " + stopped.size()
                + " stopped (resume at the next start), " + count(FileOutcome.DUPLICATE) + " repeated";
    }

    private int count(FileOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }
}
