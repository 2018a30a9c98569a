package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.record.HeaderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the data-file cases in {@code src/test/resources/csv/spec} (format in the README there). */
class CsvSpecTest {

    static Stream<SpecCase> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(CsvSpecTest.class.getResource("/csv/spec").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().map(SpecCase::parse).toList().stream()
                    .flatMap(List::stream);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsAsSpecified(SpecCase c) throws IOException {
        ReadResult result = ReadResult.fromStart(new ByteArrayInputStream(c.input()), c.options());

        assertFailure(c, result.failure());
        if (c.headerError() == null) {
            assertThat(result.header() == null ? null : result.header().names()).isEqualTo(c.header());
        }
        assertThat(result.rows().stream().map(CsvSpecTest::expected).toList()).isEqualTo(c.rows());

        ReadResult oneByteReads = ReadResult.fromStart(ChunkedInputStream.oneByteAtATime(c.input()), c.options());
        assertThat(oneByteReads.describe()).isEqualTo(result.describe());

        if (result.failure() == null && result.header() != null) {
            assertRawBytesAndGaps(c.input(), result);
            assertResumesAtEveryRow(c, result);
        }
    }

    private static void assertFailure(SpecCase c, Exception failure) {
        if (c.headerError() != null) {
            assertThat(failure).isInstanceOf(HeaderException.class).hasMessage(c.headerError());
        } else if (c.fatal() != null) {
            assertThat(failure).isInstanceOf(CsvFormatException.class).hasMessage(c.fatal());
        } else {
            assertThat(failure).isNull();
        }
    }

    private static SpecCase.ExpectedRow expected(CsvRow row) {
        return new SpecCase.ExpectedRow(row.position().line(), row.position().startOffset(), row.position().endOffset(),
                List.of(row.fields()), row.syntaxError());
    }

    /** raw is the file's bytes at the row's start, then comes its terminator; only blank lines lie between rows. */
    private static void assertRawBytesAndGaps(byte[] input, ReadResult result) {
        long previousEnd = result.headerEnd();
        for (CsvRow row : result.rows()) {
            int start = (int) row.position().startOffset();
            int end = (int) row.position().endOffset();
            int rawEnd = start + row.raw().length;
            assertThat(Arrays.copyOfRange(input, start, rawEnd)).isEqualTo(row.raw());
            String terminator = new String(input, rawEnd, end - rawEnd, StandardCharsets.ISO_8859_1);
            assertThat(terminator).isIn(end == input.length ? List.of("", "\n", "\r", "\r\n") : List.of("\n", "\r", "\r\n"));
            String gap = new String(input, (int) previousEnd, (int) (start - previousEnd), StandardCharsets.ISO_8859_1);
            assertThat(gap).matches("[\r\n]*");
            previousEnd = end;
        }
    }

    private static void assertResumesAtEveryRow(SpecCase c, ReadResult result) throws IOException {
        RestartContract.verify(result.rows(), CsvRow::position, CsvRow::nextLine, (offset, line) -> resume(c, result, offset, line));
    }

    private static List<CsvRow> resume(SpecCase c, ReadResult result, long offset, long line) throws IOException {
        byte[] input = c.input();
        ByteArrayInputStream in = new ByteArrayInputStream(input, (int) offset, input.length - (int) offset);
        return ReadResult.resumed(in, c.options(), result.header(), offset, line);
    }
}
