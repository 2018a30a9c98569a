package dev.sluice.postgres.load;

import java.nio.file.Path;

/**
 * What became of one file. Counts reconcile: {@code rowsRead = rowsLoaded + rowsRejected}.
 *
 * @param rejectsFile null when no row was rejected
 */
public record FileOutcome(String key, Status status, long rowsRead, long rowsLoaded, long rowsRejected, Path rejectsFile) {

    public enum Status {
        /** Loaded now. */
        LOADED,
        /** Its key was already in the ledger (loaded before, perhaps by a run that crashed after committing). */
        ALREADY_LOADED,
        /** A FULL older than the last FULL applied to the table: ignored, and recorded so. */
        OLDER_FULL_IGNORED,
        /**
         * Not applied because a newer file covers it: an INCREMENTAL exported before the last FULL's
         * snapshot, or a FULL of the same request with a later export time.
         */
        SUPERSEDED
    }

    static FileOutcome skipped(String key, Status status) {
        return new FileOutcome(key, status, 0, 0, 0, null);
    }
}
