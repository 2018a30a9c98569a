package dev.sluice.controlshift.batch;

/** A file's state inside one batch. */
public enum FileStatus {
    /** Not loaded yet. */
    WAITING,
    /** In the target: loaded by this batch (now or by an attempt that died before recording it). */
    LOADED,
    /** Already in the target from another batch, or superseded by a newer full export: not loaded again. */
    SKIPPED,
    /** Its load failed on its own content (the others of the batch were loaded): kept with the database's error. */
    QUARANTINED,
    /** Its download failed for good (expired URL, refused, too large). */
    MISSING
}
