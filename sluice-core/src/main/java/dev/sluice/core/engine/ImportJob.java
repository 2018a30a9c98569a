package dev.sluice.core.engine;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.source.SourceObject;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one import needs to know. {@code destination} names where the rows go (no secrets in it):
 * it is part of the job's identity in the ledger.
 *
 * @param manualStart null to start at the beginning or resume from the ledger's checkpoint
 * @param drainTimeout how long a stopping job waits for batches already in flight
 */
public record ImportJob<T extends SinkItem>(
        SourceObject source,
        CsvOptions csv,
        String destination,
        TransformFactory<T> transforms,
        Path rejectsFile,
        boolean force,
        ManualStart manualStart,
        Duration drainTimeout) {
}
