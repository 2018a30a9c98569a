package dev.sluice.core.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.GZIPInputStream;

/**
 * A file on a local disk. Its size and modification time are taken once, by {@link #of}, so the
 * version names the content that is being imported. A gzip file is recognised by its magic bytes,
 * whatever its name.
 */
public final class LocalFile implements SourceObject {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final String name;
    private final long size;
    private final long modifiedMillis;
    private final boolean gzip;

    private LocalFile(Path path, String name, long size, long modifiedMillis, boolean gzip) {
        this.path = path;
        this.name = name;
        this.size = size;
        this.modifiedMillis = modifiedMillis;
        this.gzip = gzip;
    }

    /**
     * @throws NoSuchFileException when there is no such file
     * @throws IOException         when the path is a directory or cannot be read
     */
    public static LocalFile of(Path p) throws IOException {
        String name = p.toString();
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name, null, "no such file");
        }
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new IOException(name + ": not a regular file");
        }
        return new LocalFile(real, name, attributes.size(), attributes.lastModifiedTime().toMillis(), startsWithGzipMagic(real));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String uri() {
        return path.toUri().toString();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String version() {
        return size + "-" + modifiedMillis;
    }

    @Override
    public boolean compressed() {
        return gzip;
    }

    /**
     * A plain file is positioned by seeking, so the skipped bytes are never read. A gzip stream
     * cannot seek: it is decompressed from the start and the first {@code offset} decoded bytes are
     * discarded, so resuming a gzip file re-reads its compressed prefix.
     */
    @Override
    public InputStream open(long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException(name + ": negative offset " + offset);
        }
        return gzip ? openGzip(offset) : openPlain(offset);
    }

    @Override
    public String toString() {
        return name;
    }

    private InputStream openPlain(long offset) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long length = channel.size();
            if (offset > length) {
                throw new EOFException(name + ": cannot open at byte " + offset + ", the file has " + length + " bytes");
            }
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new BufferedInputStream(Channels.newInputStream(channel), BUFFER_BYTES);
    }

    private InputStream openGzip(long offset) throws IOException {
        InputStream file = Files.newInputStream(path);
        InputStream decoded = null;
        try {
            decoded = new GZIPInputStream(new BufferedInputStream(file, BUFFER_BYTES), BUFFER_BYTES);
            discard(decoded, offset);
            return decoded;
        } catch (IOException e) {
            (decoded == null ? file : decoded).close();
            throw e;
        }
    }

    /** Reads and drops {@code count} bytes; GZIPInputStream.skip would inflate through a 512-byte buffer. */
    private void discard(InputStream in, long count) throws IOException {
        byte[] sink = new byte[(int) Math.min(BUFFER_BYTES, Math.max(count, 1))];
        long left = count;
        while (left > 0) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                throw new EOFException(name + ": cannot open at byte " + count + ", the decompressed file has "
                        + (count - left) + " bytes");
            }
            left -= n;
        }
    }

    private static boolean startsWithGzipMagic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b;
        }
    }
}
