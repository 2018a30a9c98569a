package dev.sluice.core.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A place files land: a local folder or a bucket prefix. Keys are relative to the store, with '/'
 * between path segments, so the same key names the same file in a folder and in a bucket.
 */
public interface ObjectStore {

    /**
     * The objects whose key starts with {@code prefix} (a string prefix, not only a folder: {@code "in"}
     * matches {@code in/a.csv} and {@code inbox.csv}; {@code ""} lists everything), at any depth, sorted by
     * key. Folders themselves (and a bucket's zero-byte "folder/" markers) are not objects.
     *
     * @throws UncheckedIOException when the store cannot be listed (a missing folder, a missing bucket,
     *                              no permission)
     */
    List<ObjectInfo> list(String prefix);

    /**
     * The object for reading, by byte range; its size and version are taken now.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object
     */
    SourceObject object(String key) throws IOException;

    /** Stores a local file under {@code key}, replacing an object that has that key. */
    void put(String key, Path file) throws IOException;

    /**
     * Renames an object, e.g. to {@code done/…} or {@code failed/…}, replacing an object at {@code toKey}.
     *
     * @throws java.nio.file.NoSuchFileException when there is no object at {@code fromKey}
     */
    void move(String fromKey, String toKey) throws IOException;

    /** Where the store is, for messages: {@code s3://bucket/prefix/} or {@code /abs/folder}. */
    String describe();
}
