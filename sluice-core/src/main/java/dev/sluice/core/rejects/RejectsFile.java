package dev.sluice.core.rejects;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The rejects file: a CSV of {@code line,column,reason,original} next to the input, created when the
 * first row is rejected. On resume it is cut back to the length the checkpoint recorded, so rows
 * rejected past the watermark before a crash are not listed twice.
 */
public final class RejectsFile implements AutoCloseable {
    private static final byte[] HEADER = "line,column,reason,original\n".getBytes(StandardCharsets.UTF_8);

    private final Path path;
    private FileChannel channel;
    private OutputStream out;
    private long length;

    private RejectsFile(Path path, long length) {
        this.path = path;
        this.length = length;
    }

    /**
     * The rejects file's name beside an input (a file name or a key with folders):
     * {@code in/users.csv.gz} → {@code in/users.rejects.csv}.
     */
    public static String nameFor(String input) {
        int slash = input.lastIndexOf('/') + 1;
        return input.substring(0, slash) + input.substring(slash).replaceFirst("(?i)(\\.csv)?(\\.gz)?$", "")
                + ".rejects.csv";
    }

    /** A rejects file that continues at {@code validLength} (0 for a new job). */
    public static RejectsFile resume(Path path, long validLength) throws IOException {
        RejectsFile file = new RejectsFile(path, validLength);
        if (validLength > 0) {
            file.openAt(validLength);
        } else {
            Files.deleteIfExists(path);
        }
        return file;
    }

    public Path path() {
        return path;
    }

    /** Bytes written so far; what a checkpoint records. */
    public long length() {
        return length;
    }

    public boolean exists() {
        return length > 0;
    }

    /** Appends rows and flushes them to the OS, so a checkpoint saved afterwards never points past them. */
    public void append(List<RejectedRow> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        if (out == null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            openAt(0);
            write(HEADER);
        }
        StringBuilder text = new StringBuilder(128 * rows.size());
        for (RejectedRow row : rows) {
            text.append(row.line()).append(',');
            Csv.appendField(text, row.column() == null ? "" : row.column()).append(',');
            Csv.appendField(text, row.reason()).append(',');
            Csv.appendField(text, row.original()).append('\n');
        }
        write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void openAt(long validLength) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(validLength);
        channel.position(validLength);
        out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        length += bytes.length;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    /** RFC 4180 quoting, enough for the four columns we write. */
    static final class Csv {
        private Csv() {
        }

        static StringBuilder appendField(StringBuilder sb, String value) {
            boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0;
            if (!quote) {
                return sb.append(value);
            }
            sb.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    sb.append('"');
                }
                sb.append(c);
            }
            return sb.append('"');
        }
    }
}
