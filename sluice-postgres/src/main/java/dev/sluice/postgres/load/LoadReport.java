package dev.sluice.postgres.load;

import java.util.List;

/**
 * What a load did.
 *
 * @param rowsLoaded      rows sent to the table (incremental: before deduplication by key)
 * @param rowsRejected    rows refused (only under {@link BadRowPolicy.Reject}), each in a rejects file
 * @param addedColumns    columns added to the table under {@link DriftPolicy#ADD_COLUMN}
 * @param missingColumns  table columns no file had (NULL in new rows)
 * @param files           one outcome per requested file, in the order applied
 * @param duplicateKeys   incremental rows dropped because a later row had the same key
 * @param rowsReapplied   FULL: rows of incrementals newer than the snapshot applied again after it
 */
public record LoadReport(long rowsLoaded, long rowsRejected, List<String> addedColumns, List<String> missingColumns,
        List<FileOutcome> files, long duplicateKeys, long rowsReapplied) {
    public LoadReport {
        addedColumns = List.copyOf(addedColumns);
        missingColumns = List.copyOf(missingColumns);
        files = List.copyOf(files);
    }

    /** Rows read from the files loaded now: loaded + rejected. */
    public long rowsRead() {
        return rowsLoaded + rowsRejected;
    }

    /** True when nothing was loaded because every file was already loaded, older or superseded. */
    public boolean nothingLoaded() {
        return files.stream().noneMatch(f -> f.status() == FileOutcome.Status.LOADED);
    }
}
