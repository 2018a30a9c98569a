package dev.sluice.cli;

import dev.sluice.core.csv.CsvOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code import} and {@code validate} share whatever the destination: the file and how to read it. */
final class FileOptions {

    @Parameters(index = "0", paramLabel = "FILE",
            description = "The CSV file (plain or gzip): a path, or s3://bucket/key (read by byte ranges).")
    String file;

    @Option(names = "--to", paramLabel = "DESTINATION",
            description = "Where the rows go: braze, dynamodb or postgres (required unless --pipeline names it).")
    String destination;

    @Option(names = "--type", paramLabel = "COL=TYPE", split = ",",
            description = "Type of a column, replacing inference. Braze: string, int, float, bool, time, array,"
                    + " object. DynamoDB: S, N, BOOL, NULL, B, JSON, SS, NS, BS. Repeatable, or comma-separated.")
    List<String> types = new ArrayList<>();

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "Field delimiter: a character such as ';' or '|', or 'tab'. Default: a comma.")
    String delimiter;

    @Option(names = "--empty-cells", paramLabel = "POLICY", defaultValue = "omit",
            description = "What an empty cell becomes: omit (nothing is written, the default), null, empty-string,"
                    + " or (DynamoDB) error.")
    String emptyCells;

    /** The destination, checked. */
    String destination() {
        if (destination == null) {
            throw new IllegalArgumentException("say where the rows go: --to braze, --to dynamodb, --to postgres, or"
                    + " --pipeline NAME");
        }
        String d = destination.toLowerCase(Locale.ROOT);
        if (!d.equals("braze") && !d.equals("dynamodb") && !d.equals("postgres")) {
            throw new IllegalArgumentException("unknown destination '" + destination
                    + "'; supported: braze, dynamodb, postgres");
        }
        return d;
    }

    /** The destination as people write it. */
    String destinationName() {
        return switch (destination()) {
            case "braze" -> "Braze";
            case "postgres" -> "PostgreSQL";
            default -> "DynamoDB";
        };
    }

    CsvOptions csv() {
        String d = delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
        if (d.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character or 'tab', not '" + delimiter + "'");
        }
        return CsvOptions.DEFAULT.withDelimiter(d.charAt(0));
    }

    String emptyCellPolicy() {
        return emptyCells.toLowerCase(Locale.ROOT);
    }
}
