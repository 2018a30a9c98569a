package dev.sluice.core.engine;

import dev.sluice.core.ledger.Counts;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run ended. {@code rejectsFile} is null when no row was rejected. {@code message} says, for a
 * person, why a job stopped or was refused.
 */
public record JobResult(
        Status status,
        Counts counts,
        long checkpointOffset,
        Path rejectsFile,
        Duration duration,
        String message,
        boolean resumed) {

    public enum Status {
        /** Every row was read and is accepted, rejected or skipped. */
        COMPLETED,
        /** The file was already imported to this destination; nothing was sent. */
        ALREADY_IMPORTED,
        /** The file or the settings cannot work (bad header, say); nothing was sent. */
        INVALID,
        /** Stopped by a fatal error or an interrupt; the same command resumes at the checkpoint. */
        STOPPED
    }
}
