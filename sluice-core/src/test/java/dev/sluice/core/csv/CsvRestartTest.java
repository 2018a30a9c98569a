package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.record.Header;
import dev.sluice.core.source.LocalFile;
import dev.sluice.core.source.SourceObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart contract on a tricky file (BOM, CRLF, lone CR, blank lines, quoted line breaks,
 * doubled quotes, multi-byte and invalid UTF-8, junk after a quote, no final line end), opened
 * through {@link LocalFile} at each offset, plain and gzipped.
 */
class CsvRestartTest {
    @TempDir
    Path dir;

    @Test
    void resumesAtEveryRowOfATrickyFile() throws Exception {
        LocalFile file = LocalFile.of(tricky());
        Header header = header(file);
        List<CsvRow> rows = readAll(file);

        assertThat(header.names()).containsExactly("id", "name", "note");
        assertThat(rows).extracting(r -> r.fields()[0]).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(rows).extracting(r -> r.position().line()).containsExactly(2L, 5L, 6L, 7L, 10L, 11L, 12L, 15L, 16L);
        assertThat(rows).filteredOn(CsvRow::malformed).extracting(CsvRow::syntaxError).containsExactly(
                "column 2: unexpected character 'j' after closing quote", "column 2: invalid UTF-8");
        assertThat(rows.get(rows.size() - 1).position().endOffset()).isEqualTo(file.size());

        RestartContract.verify(rows, CsvRow::position, CsvRow::nextLine, (offset, line) -> resume(file, header, offset, line));
    }

    @Test
    void resumesAtEveryRowOfAGzippedFile() throws Exception {
        Path gz = dir.resolve("tricky.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(tricky()));
        }
        LocalFile file = LocalFile.of(gz);
        List<CsvRow> rows = readAll(file);

        assertThat(file.compressed()).isTrue();
        assertThat(rows).isEqualTo(readAll(LocalFile.of(tricky())));
        RestartContract.verify(rows, CsvRow::position, CsvRow::nextLine, (offset, line) -> resume(file, header(file), offset, line));
    }

    private static Path tricky() throws URISyntaxException {
        return Path.of(CsvRestartTest.class.getResource("/csv/tricky.csv").toURI());
    }

    private static Header header(SourceObject file) throws IOException {
        try (CsvReader reader = CsvReader.atStart(file.open(0), file.name(), CsvOptions.DEFAULT)) {
            return reader.header();
        }
    }

    private static List<CsvRow> readAll(SourceObject file) throws IOException {
        try (CsvReader reader = CsvReader.atStart(file.open(0), file.name(), CsvOptions.DEFAULT)) {
            return rest(reader);
        }
    }

    private static List<CsvRow> resume(SourceObject file, Header header, long offset, long line) throws IOException {
        try (CsvReader reader = CsvReader.resume(file.open(offset), file.name(), CsvOptions.DEFAULT, header, offset, line)) {
            return rest(reader);
        }
    }

    private static List<CsvRow> rest(CsvReader reader) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
