package dev.sluice.controlshift.batch;

import dev.sluice.controlshift.ExportKind;
import dev.sluice.controlshift.catalog.ControlShiftCatalog;
import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.postgres.load.DriftPolicy;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.TableDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a ControlShift table lands and how: the target schema, optional renames, the load mode of each
 * kind and the drift policy; columns from the ControlShift catalog.
 *
 * @param schema the target schema, e.g. {@code controlshift}
 * @param renames ControlShift table name → target table name, for the tables that differ
 * @param incrementalMode {@link LoadMode#INCREMENTAL} (upsert on {@code id}, the default) or
 *     {@link LoadMode#APPEND} (parity with the original loader)
 */
public record TargetTables(String schema, Map<String, String> renames, LoadMode incrementalMode, DriftPolicy drift,
        ControlShiftCatalog catalog) {

    public TargetTables {
        renames = Map.copyOf(renames);
        if (incrementalMode == LoadMode.FULL) {
            throw new IllegalArgumentException("incremental exports cannot replace the table: use INCREMENTAL or APPEND");
        }
    }

    public String targetName(String table) {
        return renames.getOrDefault(table, table);
    }

    public String qualified(String table) {
        return schema + "." + targetName(table);
    }

    public LoadMode mode(ExportKind kind) {
        return kind == ExportKind.FULL ? LoadMode.FULL : incrementalMode;
    }

    /** The table definition; a table the catalog does not know is described from {@code sample}'s header. */
    TableDef tableDef(String table, Path sample) throws IOException {
        List<String> header = catalog.columns(table).isPresent() ? List.of() : header(sample);
        return catalog.tableDef(table, schema, targetName(table), header);
    }

    private static List<String> header(Path csv) throws IOException {
        try (InputStream in = Files.newInputStream(csv); CsvReader reader = CsvReader.atStart(in, csv.toString(), CsvOptions.DEFAULT)) {
            return reader.header() == null ? List.of() : reader.header().names();
        }
    }
}
