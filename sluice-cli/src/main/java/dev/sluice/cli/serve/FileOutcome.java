package dev.sluice.cli.serve;

/** What serve did with one arrival; counted in /metrics as {@code sluice_files_total{outcome}}. */
public enum FileOutcome {
    /** Imported (all rows, or with rejected rows kept beside it): moved to done/. */
    DONE,
    /** Could not be imported (no identifier column, not CSV, …): moved to failed/. */
    FAILED,
    /** Stopped before the end (SIGTERM, destination down): given back, resumed at a later look. */
    STOPPED,
    /** Claimed by another instance right now: left to it. */
    BUSY,
    /** Already done (a repeated event, or another instance finished it). */
    DUPLICATE,
    /** Stopped at an earlier look and waiting before it is tried again (not counted in /metrics). */
    WAITING
}
