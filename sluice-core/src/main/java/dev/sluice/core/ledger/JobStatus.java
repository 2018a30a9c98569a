package dev.sluice.core.ledger;

/** Where a job stands. RUNNING with no live process behind it (after a kill -9) is resumable like STOPPED. */
public enum JobStatus {
    RUNNING,
    STOPPED,
    COMPLETED;

    public boolean resumable() {
        return this == RUNNING || this == STOPPED;
    }
}
