package dev.sluice.cli;

import dev.sluice.postgres.load.DriftPolicy;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.TableRef;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Options that only mean something for PostgreSQL. {@code --table} and {@code --mode} are shared with
 * DynamoDB (declared in {@link DynamoOptions}); PostgreSQL reads them from there.
 */
final class PostgresOptions {
    static final String URL_VARIABLE = "SLUICE_POSTGRES_URL";

    @Option(names = "--key", paramLabel = "COLUMNS", split = ",", defaultValue = "id",
            description = "PostgreSQL, --mode incremental: the columns rows are upserted on (a unique index must cover"
                    + " them). Default: ${DEFAULT-VALUE}.")
    java.util.List<String> key;

    @Option(names = "--add-columns",
            description = "PostgreSQL: add header columns the table lacks (nullable, text) instead of refusing the file.")
    boolean addColumns;

    /** {@code mode:} of a pipeline's {@code postgres:} destination (the command line's --mode wins). */
    String pipelineMode;

    static TableRef table(String table) {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("--to postgres needs --table TABLE (or SCHEMA.TABLE)");
        }
        int dot = table.indexOf('.');
        return dot < 0 ? new TableRef("public", table) : new TableRef(table.substring(0, dot), table.substring(dot + 1));
    }

    /** full, incremental or append (the default when --mode is not given). */
    static LoadMode mode(String mode, boolean given) {
        if (!given) {
            return LoadMode.APPEND;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "full" -> LoadMode.FULL;
            case "incremental", "upsert" -> LoadMode.INCREMENTAL;
            case "append" -> LoadMode.APPEND;
            default -> throw new IllegalArgumentException("--to postgres: unknown --mode '" + mode
                    + "'; supported: full, incremental, append");
        };
    }

    DriftPolicy drift() {
        return addColumns ? DriftPolicy.ADD_COLUMN : DriftPolicy.FAIL;
    }
}
