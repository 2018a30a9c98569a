package dev.sluice.controlshift.store;

/** Where an announced file is on its way to a batch. */
public enum EventStatus {
    /** Recorded, waiting for (another) download attempt. */
    PENDING,
    /** A worker holds a lease on it and is downloading. */
    DOWNLOADING,
    /** On local disk, decompressed, in a batch. */
    DOWNLOADED,
    /** Its URL's lifetime ended before it could be fetched (terminal; the next nightly full export recovers the table). */
    EXPIRED,
    /** Refused or failed for good: host not allowed, too large, 4xx, retries exhausted (terminal). */
    FAILED
}
