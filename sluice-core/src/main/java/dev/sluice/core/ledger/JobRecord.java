package dev.sluice.core.ledger;

import java.time.Instant;
import java.util.List;

/** A job as the ledger keeps it. {@code header} is null until the header was read. */
public record JobRecord(
        long id,
        String key,
        String source,
        String sourceVersion,
        String destination,
        JobStatus status,
        List<String> header,
        Checkpoint checkpoint,
        String rejectsFile,
        Instant startedAt,
        Instant updatedAt,
        String error) {
}
