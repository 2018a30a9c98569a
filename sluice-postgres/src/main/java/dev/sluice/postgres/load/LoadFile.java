package dev.sluice.postgres.load;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One CSV file to load: plain CSV (already decompressed; gzip is recognised too), header row first.
 *
 * @param key      the file's idempotency key (a ControlShift S3 key, or a source URI + version): a key
 *                 already in the ledger is never loaded again
 * @param path     where the file is
 * @param exportTs when the data was exported (ControlShift: from the file name); null when unknown,
 *                 which turns off the full-vs-incremental ordering rules for this file
 */
public record LoadFile(String key, Path path, Instant exportTs) {
    public LoadFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a load file needs a non-blank key");
        }
    }
}
