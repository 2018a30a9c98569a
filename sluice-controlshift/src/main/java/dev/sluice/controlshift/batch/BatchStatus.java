package dev.sluice.controlshift.batch;

/**
 * A batch's life: {@code OPEN → PENDING → LOCKED → COMPLETE | ERROR}; {@code ERROR | LOCKED → REPROCESSED}
 * (with a new batch of the same files). A LOCKED batch whose lease ran out is taken up again as it is.
 *
 * <p>The original loader also had a transient {@code reprocessing} state because DynamoDB could not change
 * two batches at once; here a reprocess is one PostgreSQL transaction, so that state is never visible.
 */
public enum BatchStatus {
    /** Takes new files of its (table, kind); at most one per (table, kind). */
    OPEN,
    /** Closed by its count, age or bytes rule (or a FULL file, which is never merged): its file set is final. */
    PENDING,
    /** A worker holds a lease on it and is loading it. */
    LOCKED,
    /** Every file is in the target (loaded now or by an earlier attempt or batch). */
    COMPLETE,
    /** At least one file was not loaded: quarantined with its error, not downloadable, or attempts exhausted. */
    ERROR,
    /** Replaced by a new batch of the same files ({@code sluice batches reprocess}). */
    REPROCESSED
}
