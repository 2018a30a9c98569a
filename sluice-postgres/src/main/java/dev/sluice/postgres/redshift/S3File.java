package dev.sluice.postgres.redshift;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A CSV file staged in S3 for a Redshift COPY.
 *
 * @param key         the file's idempotency key (as for {@code LoadFile})
 * @param url         {@code s3://bucket/key}
 * @param sizeBytes   the object's size, for the manifest's {@code content_length}
 * @param header      the file's header: the COPY column list (by name, never by position)
 * @param exportTs    when it was exported, or null
 * @param compression null, {@code BZIP2} or {@code GZIP}
 */
public record S3File(String key, String url, long sizeBytes, List<String> header, Instant exportTs, String compression) {
    public S3File {
        Objects.requireNonNull(key, "key");
        if (!url.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// URL: " + url);
        }
        header = List.copyOf(header);
    }
}
