package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our reader, FastCSV (the reference) and the generator's truth agree on fields and line numbers. */
class FastCsvDifferentialTest {
    private static final int ROWS = 5_000;

    /** A field list with the physical line it starts on. */
    record Line(long line, List<String> fields) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void agreesWithFastCsvAndTheGenerator(long seed) throws IOException {
        CsvGenerator.Generated generated = CsvGenerator.generate(seed, 6, ROWS, 12);
        byte[] csv = generated.bytes();

        List<Line> reference = fastCsv(csv);
        List<Line> ours = ours(new ByteArrayInputStream(csv));

        assertThat(reference).hasSize(ROWS + 1);
        assertThat(ours).isEqualTo(reference);
        assertThat(ours.stream().map(Line::fields).toList()).isEqualTo(generated.rows());
        assertThat(ours(ChunkedInputStream.randomChunks(csv, seed, 200))).isEqualTo(reference);
    }

    private static List<Line> fastCsv(byte[] csv) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder()
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(new String(csv, StandardCharsets.UTF_8))) {
            reader.forEach(r -> lines.add(new Line(r.getStartingLineNumber(), r.getFields())));
        }
        return lines;
    }

    private static List<Line> ours(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (CsvReader reader = CsvReader.atStart(in, "generated.csv", CsvOptions.DEFAULT)) {
            lines.add(new Line(1, reader.header().names()));
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                if (row.malformed()) {
                    throw new AssertionError("malformed: " + row);
                }
                lines.add(new Line(row.position().line(), List.of(row.fields())));
            }
        }
        return lines;
    }
}
