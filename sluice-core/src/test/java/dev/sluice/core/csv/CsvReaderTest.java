package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.record.Header;
import dev.sluice.core.record.HeaderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's API contract beyond parsing, which the spec files cover. */
class CsvReaderTest {

    @Test
    void optionsRefuseDelimitersAndQuotesThatCannotWork() {
        assertThatThrownBy(() -> CsvOptions.DEFAULT.withDelimiter('\n')).hasMessageContaining("line break");
        assertThatThrownBy(() -> CsvOptions.DEFAULT.withDelimiter('\r')).hasMessageContaining("line break");
        assertThatThrownBy(() -> CsvOptions.DEFAULT.withDelimiter('"')).hasMessageContaining("both");
        assertThatThrownBy(() -> CsvOptions.DEFAULT.withDelimiter('§')).hasMessageContaining("ASCII");
        assertThatThrownBy(() -> CsvOptions.DEFAULT.withMaxRecordBytes(0)).hasMessageContaining("maxRecordBytes");
        assertThat(CsvOptions.DEFAULT).isEqualTo(new CsvOptions(',', '"', 16 * 1024 * 1024));
    }

    @Test
    void offsetAndLineAreAfterTheHeaderThenAfterEachRow() throws IOException {
        try (CsvReader reader = reader("a,b\r\n1,2\n\n\"3\n\",4")) {
            assertThat(reader.offset()).isEqualTo(5);
            assertThat(reader.line()).isEqualTo(2);
            assertThat(reader.next().fields()).containsExactly("1", "2");
            assertThat(reader.offset()).isEqualTo(9);
            assertThat(reader.line()).isEqualTo(3);
            assertThat(reader.next().fields()).containsExactly("3\n", "4");
            assertThat(reader.offset()).isEqualTo(16);
            assertThat(reader.line()).isEqualTo(5);
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.offset()).isEqualTo(16);
        }
    }

    @Test
    void anEmptyObjectHasNoHeaderAndNoRows() throws IOException {
        try (CsvReader reader = reader("\uFEFF\r\n\n")) {
            assertThat(reader.header()).isNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.offset()).isZero();
        }
    }

    @Test
    void rawTextAndNextLineOfARowWithQuotedLineBreaks() throws IOException {
        try (CsvReader reader = reader("a,b\n\"x\r\ny\rz\",\"\"\"\"\r\nlast,1")) {
            CsvRow row = reader.next();
            assertThat(row.rawText()).isEqualTo("\"x\r\ny\rz\",\"\"\"\"");
            assertThat(row.position().line()).isEqualTo(2);
            assertThat(row.nextLine()).isEqualTo(5);
            assertThat(reader.next().position().line()).isEqualTo(5);
        }
    }

    @Test
    void resumeNeverStartsAtTheHeader() {
        Header header = Header.of(List.of("a"));
        ClosingProbe in = new ClosingProbe("a\n1\n");
        assertThatThrownBy(() -> CsvReader.resume(in, "test.csv", CsvOptions.DEFAULT, header, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("test.csv: cannot resume at byte 0, line 1: a resume point lies past the header");
        assertThat(in.closed).isTrue();
    }

    @Test
    void aFailedStartClosesTheStream() {
        ClosingProbe in = new ClosingProbe("a,a\n");
        assertThatThrownBy(() -> CsvReader.atStart(in, "test.csv", CsvOptions.DEFAULT)).isInstanceOf(HeaderException.class);
        assertThat(in.closed).isTrue();
    }

    @Test
    void closeClosesTheStream() throws IOException {
        ClosingProbe in = new ClosingProbe("a\n");
        CsvReader.atStart(in, "test.csv", CsvOptions.DEFAULT).close();
        assertThat(in.closed).isTrue();
    }

    private static CsvReader reader(String csv) throws IOException {
        return CsvReader.atStart(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test.csv", CsvOptions.DEFAULT);
    }

    private static final class ClosingProbe extends ByteArrayInputStream {
        boolean closed;

        ClosingProbe(String content) {
            super(content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
