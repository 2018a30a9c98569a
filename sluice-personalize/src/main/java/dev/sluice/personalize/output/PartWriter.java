package dev.sluice.personalize.output;

import dev.sluice.personalize.job.Folder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes JSON Lines as {@code part-00000.json}, {@code part-00001.json}, ... under one folder key,
 * starting a new part past {@code partBytes}; each part appears whole when it is complete. Nothing is
 * written (no empty file) when no line is.
 */
public final class PartWriter implements AutoCloseable {
    private final Folder folder;
    private final String prefix;
    private final long partBytes;
    private final List<String> published = new ArrayList<>();
    private Path staged;
    private OutputStream out;
    private long written;
    private long lines;

    /** @param prefix the folder key, ending in '/' */
    public PartWriter(Folder folder, String prefix, long partBytes) {
        this.folder = folder;
        this.prefix = prefix;
        this.partBytes = partBytes;
    }

    /** Writes {@code bytes[offset, offset + length)} then {@code tail}, then a line break, as one line. */
    public void line(byte[] bytes, int offset, int length, byte[] tail) throws IOException {
        if (out == null) {
            staged = folder.stage(key());
            out = new BufferedOutputStream(Files.newOutputStream(staged), 1 << 16);
        }
        out.write(bytes, offset, length);
        out.write(tail);
        out.write('\n');
        written += length + tail.length + 1;
        lines++;
        if (written >= partBytes) {
            finishPart();
        }
    }

    /** The keys of the parts published so far. */
    public List<String> parts() {
        return List.copyOf(published);
    }

    public long lines() {
        return lines;
    }

    private String key() {
        return prefix + String.format("part-%05d.json", published.size());
    }

    private void finishPart() throws IOException {
        out.close();
        out = null;
        String key = key();
        folder.publish(staged, key);
        staged = null;
        published.add(key);
        written = 0;
    }

    /** Publishes the last part. */
    @Override
    public void close() throws IOException {
        if (out != null) {
            finishPart();
        }
    }

    /** Drops an unfinished part (after a failure). */
    public void abandon() throws IOException {
        if (out != null) {
            out.close();
            out = null;
            Files.deleteIfExists(staged);
        }
    }
}
