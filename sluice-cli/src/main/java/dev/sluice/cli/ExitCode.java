package dev.sluice.cli;

/** What the process exit status means; scripts rely on these. */
public final class ExitCode {
    /** Every row accepted or skipped (or nothing to do). */
    public static final int OK = 0;
    /** Finished, but some rows were rejected: see the rejects file. */
    public static final int REJECTED_ROWS = 1;
    /** Bad usage, configuration or header: nothing was sent. */
    public static final int USAGE = 2;
    /** Stopped by a fatal error or an interrupt: run the same command to resume. */
    public static final int STOPPED = 3;

    private ExitCode() {
    }
}
