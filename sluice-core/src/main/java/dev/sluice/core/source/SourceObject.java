package dev.sluice.core.source;

import java.io.IOException;
import java.io.InputStream;

/** A file to import: its identity for the ledger, and a way to open it at a byte offset. */
public interface SourceObject {

    /** The name as the user gave it, for messages. */
    String name();

    /** The canonical identity, e.g. {@code file:///abs/path}. */
    String uri();

    /** Bytes on storage: the compressed size of a compressed object. */
    long size();

    /** Changes whenever the content changes, so that a changed file is never taken for one already imported. */
    String version();

    /** True when the stored bytes are gzip: {@link #open} then yields the decompressed bytes. */
    boolean compressed();

    /**
     * The decoded content from {@code offset} on; the caller closes the stream.
     *
     * @throws java.io.EOFException when the decoded content is shorter than {@code offset}
     */
    InputStream open(long offset) throws IOException;
}
