package dev.sluice.core.csv;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.sluice.core.source.LocalFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Throughput of {@link CsvReader} against FastCSV, the reference, over the file of the stack notes
 * (java-stack.md §6.2): 1,000,000 rows × 10 columns, about 100 bytes a row, UTF-8 with umlauts, and
 * about 10 % of the rows with a quoted field holding a comma, a doubled quote or a line break. Both
 * parsers touch every field; the checksums (characters read) must match.
 *
 * <p>Not a test. Run from the module after {@code mvn test-compile}:
 * <pre>java -Xmx1g -cp target/classes:target/test-classes:$(cat cp.txt) dev.sluice.core.csv.CsvThroughputBenchmark [file] [passes]</pre>
 * where cp.txt comes from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}. The file
 * is generated when it does not exist.
 */
public final class CsvThroughputBenchmark {
    private static final int ROWS = 1_000_000;

    private CsvThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/sluice-bench-1m.csv");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.exists(file)) {
            generate(file);
        }
        System.out.printf("%s: %,d bytes, best of %d passes, the parsers taking turns%n", file, Files.size(file), passes);
        Pass[] parsers = {() -> fastCsv(file), () -> sluice(file)};
        String[] names = {"FastCSV 4.4.0", "Sluice CsvReader"};
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] checksums = new long[2];
        for (int pass = 0; pass < passes + 1; pass++) { // pass 0 warms up
            for (int p = 0; p < parsers.length; p++) {
                long start = System.nanoTime();
                checksums[p] = parsers[p].run();
                long nanos = System.nanoTime() - start;
                if (pass > 0) {
                    best[p] = Math.min(best[p], nanos);
                }
            }
        }
        for (int p = 0; p < parsers.length; p++) {
            System.out.printf("%-18s %,6d ms  %,10.0f rows/s  checksum %,d chars%n",
                    names[p], best[p] / 1_000_000, ROWS / (best[p] / 1e9), checksums[p]);
        }
    }

    private interface Pass {
        long run() throws IOException;
    }

    private static long fastCsv(Path file) throws IOException {
        long chars = 0;
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                for (int i = 0; i < record.getFieldCount(); i++) {
                    chars += record.getField(i).length();
                }
            }
        }
        return chars;
    }

    private static long sluice(Path file) throws IOException {
        long chars = 0;
        LocalFile source = LocalFile.of(file);
        try (CsvReader reader = CsvReader.atStart(source.open(0), source.name(), CsvOptions.DEFAULT)) {
            for (String name : reader.header().names()) {
                chars += name.length();
            }
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                for (String field : row.fields()) {
                    chars += field.length();
                }
            }
        }
        return chars;
    }

    private static void generate(Path file) throws IOException {
        Random random = new Random(1);
        String[] words = {"Müller", "Straße", "Zürich", "Köln", "über", "data", "value", "Jörg", "Bärbel", "alpha"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,first,last,city,street,amount,flag,date,code,note\n");
            for (int row = 0; row < ROWS; row++) {
                out.write(Integer.toString(row));
                for (int column = 1; column < 10; column++) {
                    out.write(',');
                    out.write(column == 9 && random.nextInt(10) == 0 ? nasty(random) : words[random.nextInt(words.length)] + random.nextInt(10_000));
                }
                out.write('\n');
            }
        }
    }

    private static String nasty(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "\"a, b\"";
            case 1 -> "\"say \"\"hi\"\"\"";
            default -> "\"two\nlines\"";
        };
    }
}
