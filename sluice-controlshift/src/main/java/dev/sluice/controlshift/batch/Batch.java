package dev.sluice.controlshift.batch;

import dev.sluice.controlshift.ExportKind;
import java.time.Instant;

/** A batch as the store holds it. Nullable fields are null until the batch reaches the step that sets them. */
public record Batch(long id, String table, ExportKind kind, BatchStatus status, int fileCount, long csvBytes,
        Instant createdAt, Instant firstFileAt, Instant closedAt, Instant lockedAt, Instant finishedAt, Instant updatedAt,
        int attempts, String leaseOwner, Instant leaseUntil, String target, Long rowsLoaded, Long rowsRejected,
        String error, Long reprocessOf, Long reprocessedAs) {
}
