package dev.sluice.postgres.load;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.record.HeaderException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Opens a load file for reading: gzip recognised by its magic bytes, the header read and checked. */
final class CsvFile {
    private CsvFile() {
    }

    static CsvReader open(LoadFile file, CsvOptions options) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16);
        try {
            if (gzip(in)) {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        try {
            return CsvReader.atStart(in, file.path().toString(), options);
        } catch (HeaderException e) {
            throw new LoadRefusedException(e.getMessage());
        }
    }

    /** The bytes a reader of the file goes through: its size, or -1 when it is gzip (not known ahead). */
    static long readableBytes(LoadFile file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 2)) {
            return gzip(in) ? -1 : Files.size(file.path());
        }
    }

    private static boolean gzip(InputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
    }

    /** The header's names; empty for an empty file. */
    static List<String> header(CsvReader reader) {
        return reader.header() == null ? List.of() : reader.header().names();
    }
}
