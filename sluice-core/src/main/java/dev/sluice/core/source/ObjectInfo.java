package dev.sluice.core.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of an {@link ObjectStore} listing.
 *
 * @param key          the key relative to the store: '/'-separated, never starting with '/'
 * @param size         bytes on storage (the compressed size of a compressed object)
 * @param version      changes whenever the content changes: the ETag in a bucket, size-mtimeMillis on a disk
 * @param lastModified when the object was last written
 */
public record ObjectInfo(String key, long size, String version, Instant lastModified) {

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException(key + ": negative size " + size);
        }
    }
}
