package dev.sluice.controlshift;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.postgres.load.LoadFile;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.LoadReport;
import dev.sluice.postgres.load.LoadRequest;
import dev.sluice.postgres.load.TableDef;
import dev.sluice.postgres.load.TableLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Stands in for PostgresTableLoader (sluice-postgres, being written on another branch) until the branches
 * merge: a real load into PostgreSQL, kept minimal. It creates the table from the TableDef, empties it for
 * a FULL load, and COPYs each file by its header's column names; a bad row fails the COPY, as in the real
 * loader. No staging swap and no upsert: the batch tests only need rows to land, once, or fail.
 */
final class CopyTableLoader implements TableLoader {
    @Override
    public LoadReport load(Connection tx, LoadRequest request) throws SQLException, IOException {
        TableDef table = request.table();
        String qualified = quote(table.schema()) + "." + quote(table.name());
        try (Statement s = tx.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(table.schema()));
            s.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (" + table.columns().stream()
                    .map(c -> quote(c.name()) + " " + c.sqlType()).collect(Collectors.joining(", ")) + ")");
            if (request.mode() == LoadMode.FULL) {
                s.execute("DELETE FROM " + qualified);
            }
        }
        long rows = 0;
        for (LoadFile file : request.files()) {
            List<String> header;
            try (InputStream in = Files.newInputStream(file.path());
                 CsvReader reader = CsvReader.atStart(in, file.key(), CsvOptions.DEFAULT)) {
                header = reader.header().names();
            }
            String columns = header.stream().map(CopyTableLoader::quote).collect(Collectors.joining(", "));
            try (InputStream in = Files.newInputStream(file.path())) {
                rows += tx.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + qualified + " (" + columns + ") FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            }
        }
        return new LoadReport(rows, 0, List.of(), List.of(), List.of(), 0, 0);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
