package dev.sluice.controlshift.batch;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file of a batch.
 *
 * @param path the downloaded plain CSV; null when the download failed
 */
public record BatchFile(long eventId, String fileKey, Path path, Instant exportTs, long csvBytes, FileStatus status,
        Long rows, String error) {
}
