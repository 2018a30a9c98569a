package dev.sluice.postgres.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers the loader tests share: write a CSV, run a load in its own transaction, read rows back. */
final class LoadTesting {
    private LoadTesting() {
    }

    static Path csv(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** A CSV with this header and rows given as name → value maps (absent names are empty cells). */
    static Path csv(Path dir, String name, List<String> header, List<Map<String, String>> rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                cells.add(quote(row.getOrDefault(column, "")));
            }
            text.append(String.join(",", cells)).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static Map<String, String> row(String... nameValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            row.put(nameValues[i], nameValues[i + 1]);
        }
        return row;
    }

    static LoadFile file(Path path, String exportTs) {
        return new LoadFile(path.getFileName().toString(), path, exportTs == null ? null : Instant.parse(exportTs));
    }

    /** Loads and commits, as a caller would. On failure rolls back and rethrows. */
    static LoadReport loadCommitted(Connection c, LoadRequest request) throws SQLException, IOException {
        c.setAutoCommit(false);
        try {
            LoadReport report = new PostgresTableLoader().load(c, request);
            c.commit();
            return report;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static String one(Connection c, String sql) throws SQLException {
        List<List<String>> rows = rows(c, sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
