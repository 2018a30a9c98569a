package dev.sluice.personalize.job;

import dev.sluice.aws.s3.S3Location;
import dev.sluice.aws.s3.S3Store;
import dev.sluice.core.source.LocalFolderStore;
import dev.sluice.core.source.ObjectInfo;
import dev.sluice.core.source.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local folder or a bucket prefix, read and written by keys relative to it. Files are written in
 * two steps, {@link #stage} then {@link #publish}, so nobody ever sees half a file: locally a hidden
 * temporary file beside the target is renamed into place (no copy); in a bucket a local temporary
 * file is uploaded with one PUT (or a multipart upload, which S3 also makes visible at once).
 */
public final class Folder {
    private static final String LOCAL_TEMP_PREFIX = ".sluice-put-";
    private final ObjectStore store;
    private final Path localRoot;
    private final S3Client s3;
    private final String bucket;
    /** The bucket prefix, "" or ending in '/'. */
    private final String prefix;

    private Folder(ObjectStore store, Path localRoot, S3Client s3, String bucket, String prefix) {
        this.store = store;
        this.localRoot = localRoot;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    public static Folder local(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        return new Folder(LocalFolderStore.of(root), root, null, null, null);
    }

    /** {@code s3://bucket/prefix/}; the client stays the caller's. */
    public static Folder s3(S3Client s3, String uri) {
        // parse as the location of an object inside the folder, so that a bare bucket is fine too
        S3Location inside = S3Location.parse(uri.endsWith("/") ? uri + "_" : uri + "/_");
        String prefix = inside.key().substring(0, inside.key().length() - 1);
        return new Folder(S3Store.of(s3, inside.bucket(), prefix), null, s3, inside.bucket(), prefix);
    }

    /** A folder below this one. */
    public Folder child(String relative) {
        String clean = relative.endsWith("/") ? relative : relative + "/";
        if (localRoot != null) {
            return local(localRoot.resolve(clean));
        }
        return s3(s3, describe() + clean);
    }

    public boolean isLocal() {
        return localRoot != null;
    }

    /** The folder's path or {@code s3://bucket/prefix/}. */
    public String describe() {
        return localRoot != null ? localRoot + "/" : store.describe();
    }

    /** The last name of the folder's path. */
    public String name() {
        String d = describe();
        String trimmed = d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The objects under {@code prefix}, sorted by key; none when the folder does not exist. */
    public List<ObjectInfo> list(String prefix) {
        if (localRoot != null && !Files.isDirectory(localRoot)) {
            return List.of();
        }
        return store.list(prefix);
    }

    public boolean exists(String key) {
        if (localRoot != null) {
            return Files.isRegularFile(localRoot.resolve(key));
        }
        return list(key).stream().anyMatch(o -> o.key().equals(key));
    }

    /** The decoded content (gzip is recognised and decompressed); the caller closes it. */
    public InputStream open(String key) throws IOException {
        return store.object(key).open(0);
    }

    public byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    /** A file the caller writes, then hands to {@link #publish}. */
    public Path stage(String key) throws IOException {
        if (localRoot != null) {
            Path target = localRoot.resolve(key);
            Files.createDirectories(target.getParent());
            // not createTempFile: its owner-only permissions would stay on the published file
            return Files.createFile(target.getParent().resolve(uniqueName(LOCAL_TEMP_PREFIX, ".tmp")));
        }
        return Files.createTempFile("sluice-personalize-", ".tmp");
    }

    /** Makes a staged file visible under {@code key}, replacing what was there, and removes the staging file. */
    public void publish(Path staged, String key) throws IOException {
        try {
            if (localRoot != null) {
                Path target = localRoot.resolve(key);
                Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                store.put(key, staged);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + describe() + key + ": " + e, e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Writes a small object at once. */
    public void write(String key, byte[] content) throws IOException {
        Path staged = stage(key);
        Files.write(staged, content);
        publish(staged, key);
    }

    /** Removes an object; one that is already gone is fine. */
    public void delete(String key) throws IOException {
        if (localRoot != null) {
            Files.deleteIfExists(localRoot.resolve(key));
            return;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw new IOException(describe() + key + ": DeleteObject failed: " + e.getMessage(), e);
        }
    }

    /** A unique name for a file this run writes. */
    public static String uniqueName(String prefix, String suffix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + suffix;
    }

    /** Fails with a clear message when a required folder is missing or empty. */
    public List<ObjectInfo> require(String prefix, String what) {
        List<ObjectInfo> found;
        try {
            found = list(prefix);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                found = List.of();
            } else {
                throw e;
            }
        }
        if (found.isEmpty()) {
            throw new JobConfigException("no " + what + " in " + describe() + prefix);
        }
        return found;
    }

    @Override
    public String toString() {
        return describe();
    }
}
