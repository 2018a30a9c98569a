package dev.sluice.cli;

import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.braze.payload.BrazeLimits;
import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.typing.ColumnTypes;
import dev.sluice.core.typing.EmptyCells;
import dev.sluice.core.typing.TypingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code import} and {@code validate} share: the file, how to read it and how to type it for Braze. */
final class FileOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (plain or gzip).")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "DESTINATION",
            description = "Where the rows go. Supported: braze.")
    String destination;

    @Option(names = "--type", paramLabel = "COL=TYPE", split = ",",
            description = "Type of a column, replacing inference: string, int, float, bool, time, array or object."
                    + " Repeatable, or comma-separated.")
    List<String> types = new ArrayList<>();

    @Option(names = "--id-column", paramLabel = "COL",
            description = "Send this column as external_id (default: external_id, braze_id, alias_name+alias_label,"
                    + " email or phone, whichever the header has).")
    String idColumn;

    @Option(names = "--update-existing-only",
            description = "Only update users Braze already has (_update_existing_only); never create profiles.")
    boolean updateExistingOnly;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "Field delimiter: a character such as ';' or '|', or 'tab'. Default: a comma.")
    String delimiter;

    @Option(names = "--null-token", paramLabel = "TEXT", defaultValue = TypingOptions.DEFAULT_NULL_TOKEN,
            description = "A cell with this text unsets the attribute (any case). Default: ${DEFAULT-VALUE}.")
    String nullToken;

    @Option(names = "--empty-cells", paramLabel = "POLICY", defaultValue = "omit",
            description = "What an empty cell sends: omit (nothing, the default), null (unsets) or empty-string.")
    String emptyCells;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "75",
            description = "Objects per request: 75 on current contracts, 50 on some MAU contracts, up to 1000 on"
                    + " /users/track/bulk. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--endpoint", paramLabel = "PATH", defaultValue = "/users/track",
            description = "Braze endpoint: /users/track or /users/track/bulk. Default: ${DEFAULT-VALUE}.")
    String endpoint;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Largest request body (Braze: 4 MB, bulk: 2 MB). Default: ${DEFAULT-VALUE}.")
    int maxBodyBytes;

    void checkDestination() {
        if (!destination.equalsIgnoreCase("braze")) {
            throw new IllegalArgumentException("unknown destination '" + destination + "'; supported: braze");
        }
    }

    CsvOptions csv() {
        String d = delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
        if (d.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character or 'tab', not '" + delimiter + "'");
        }
        return CsvOptions.DEFAULT.withDelimiter(d.charAt(0));
    }

    BrazeImportOptions braze() {
        TypingOptions typing = new TypingOptions(nullToken, emptyCellPolicy(), ColumnTypes.parse(types), Set.of());
        return new BrazeImportOptions(idColumn, updateExistingOnly, typing, BrazeLimits.defaults());
    }

    private EmptyCells emptyCellPolicy() {
        return switch (emptyCells.toLowerCase(java.util.Locale.ROOT)) {
            case "omit" -> EmptyCells.OMIT;
            case "null" -> EmptyCells.NULL;
            case "empty-string" -> EmptyCells.EMPTY_STRING;
            default -> throw new IllegalArgumentException("--empty-cells must be omit, null or empty-string, not '"
                    + emptyCells + "'");
        };
    }
}
