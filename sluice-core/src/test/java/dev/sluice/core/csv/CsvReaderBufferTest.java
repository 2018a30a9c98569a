package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.source.LocalFile;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that straddle reads and buffer refills, records larger than the buffer, and a large file. */
class CsvReaderBufferTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void readsRecordsLargerThanTheBuffer() throws IOException {
        String bigQuoted = "ä\"\r\n,".repeat(MIB / 8);
        String bigPlain = "x".repeat(3 * MIB / 2);
        byte[] csv = ("a,b\r\n\"" + bigQuoted.replace("\"", "\"\"") + "\"," + bigPlain + "\r\nlast,row\n").getBytes(StandardCharsets.UTF_8);

        for (InputStream in : List.of(new ByteArrayInputStream(csv), ChunkedInputStream.oneByteAtATime(csv))) {
            List<CsvRow> rows = readAll(in, CsvOptions.DEFAULT);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).fields()).containsExactly(bigQuoted, bigPlain);
            assertThat(rows.get(0).malformed()).isFalse();
            assertThat(rows.get(1).fields()).containsExactly("last", "row");
            assertThat(rows.get(1).position().line()).isEqualTo(2 + MIB / 8 + 1);
            assertThat(rows.get(1).position().endOffset()).isEqualTo(csv.length);
        }
    }

    @Test
    void aRecordOfExactlyTheLimitPassesAndOneByteMoreFails() throws IOException {
        int limit = 300_000; // above the initial buffer size, so the buffer has to grow to it
        CsvOptions options = CsvOptions.DEFAULT.withMaxRecordBytes(limit);
        String fits = "y".repeat(limit);

        List<CsvRow> rows = readAll(new ByteArrayInputStream(("h\r\n" + fits + "\r\n").getBytes(StandardCharsets.US_ASCII)), options);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.fields()).containsExactly(fits));

        byte[] tooLong = ("h\r\n" + fits + "y\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(tooLong), options))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("test.csv: line 2, column 1 (the record starts at byte 3): record longer than 300000 bytes;"
                        + " an unbalanced quote is the usual cause");
    }

    @Test
    void anUnbalancedQuoteStopsAtTheLimitInsteadOfBufferingTheFile() {
        CsvOptions options = CsvOptions.DEFAULT.withMaxRecordBytes(MIB);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("h\n\"open\n".getBytes(StandardCharsets.US_ASCII));
        csv.writeBytes("row\n".repeat(MIB).getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(csv.toByteArray()), options))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("test.csv: line 2, column 1 (the record starts at byte 2)");
    }

    @Test
    void readsA25MegabyteFileCompletely() throws IOException {
        Path path = dir.resolve("big.csv");
        CsvGenerator generator = new CsvGenerator(7);
        CRC32 written = new CRC32();
        long rowsWritten = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), MIB)) {
            out.write(generator.line(CsvGenerator.header(10), false));
            for (long size = 0; size < 25L * MIB; rowsWritten++) {
                List<String> row = generator.randomRow(10);
                byte[] line = generator.line(row, false);
                out.write(line);
                size += line.length;
                update(written, row);
            }
        }

        CRC32 read = new CRC32();
        long rowsRead = 0;
        LocalFile file = LocalFile.of(path);
        try (CsvReader reader = CsvReader.atStart(file.open(0), file.name(), CsvOptions.DEFAULT)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next(), rowsRead++) {
                update(read, List.of(row.fields()));
            }
            assertThat(reader.offset()).isEqualTo(file.size());
        }
        assertThat(rowsRead).isEqualTo(rowsWritten);
        assertThat(read.getValue()).isEqualTo(written.getValue());
    }

    private static void update(CRC32 checksum, List<String> fields) {
        for (String field : fields) {
            checksum.update(field.getBytes(StandardCharsets.UTF_8));
            checksum.update(0x1F);
        }
        checksum.update(0x1E);
    }

    private static List<CsvRow> readAll(InputStream in, CsvOptions options) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.atStart(in, "test.csv", options)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
