package dev.sluice.bench;

import dev.sluice.postgres.load.ColumnDef;
import dev.sluice.postgres.load.DriftPolicy;
import dev.sluice.postgres.load.LoadFile;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.LoadReport;
import dev.sluice.postgres.load.LoadRequest;
import dev.sluice.postgres.load.PostgresTableLoader;
import dev.sluice.postgres.load.TableDef;
import dev.sluice.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL load benchmark: a 1,000,000-row signatures-like CSV (ControlShift's 49 columns)
 * loaded FULL by {@link PostgresTableLoader} (parse and check every cell, COPY into a stage, build the
 * unique index on id, ANALYZE, swap), compared in the same run with {@code psql \copy} of the same file
 * into a plain table with no index (the physical limit: the server parses the CSV itself, nothing
 * else happens). Two rounds each, alternating, the best of each compared. Then an incremental upsert
 * of 100,000 rows (half updates, half new ids) into the 1M-row table. Goal: FULL at most 1.3× psql.
 * The server is embedded PostgreSQL 15 (fsync off, as in the tests, for both sides alike).
 * Usage: {@code bench/postgres-load [ROWS]}.
 */
public final class PostgresLoadBenchmark {
    private static final int ROUNDS = 2;

    private PostgresLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int incrementalRows = Math.max(1, rows / 10);
        Path root = Path.of(System.getProperty("sluice.root", "."));
        Path full = SignaturesCsv.write(root.resolve("bench/data/signatures-" + rows + ".csv"), 1, rows, 0, 42);
        Path incremental = SignaturesCsv.write(root.resolve("bench/data/signatures-incr-" + incrementalRows + ".csv"),
                rows - incrementalRows / 2 + 1, incrementalRows, 24 * 60, 43);
        System.out.printf(Locale.ROOT, "file: %s (%,d rows, %,d bytes)%n", full, rows, java.nio.file.Files.size(full));

        String database = PostgresServer.newDatabase();
        String url = PostgresServer.jdbcUrl(database);
        int port = java.net.URI.create(url.substring("jdbc:".length())).getPort();
        TableDef table = new TableDef("public", "signatures", columns(), List.of("id"));
        PostgresTableLoader loader = new PostgresTableLoader();
        List<Double> psqlTimes = new ArrayList<>();
        List<Double> sluiceTimes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            for (int round = 1; round <= ROUNDS; round++) {
                psqlTimes.add(psqlCopy(port, database, c, full));
                System.out.printf(Locale.ROOT, "round %d  psql \\copy            %6.2f s%n", round, last(psqlTimes));
                long start = System.nanoTime();
                LoadReport report = load(c, loader, new LoadRequest(table, LoadMode.FULL,
                        List.of(new LoadFile("full-" + round, full, Instant.parse("2024-10-16T00:00:00Z").plusSeconds(round))),
                        DriftPolicy.FAIL));
                sluiceTimes.add(seconds(start));
                check(report.rowsLoaded() == rows && count(c, "signatures") == rows, "FULL loaded every row");
                System.out.printf(Locale.ROOT, "round %d  sluice FULL           %6.2f s  (%,.0f rows/s)%n", round,
                        last(sluiceTimes), rows / last(sluiceTimes));
                dropRetired(c, table);
            }
            double psql = psqlTimes.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double sluice = sluiceTimes.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            System.out.printf(Locale.ROOT, "FULL: sluice %.2f s vs psql \\copy %.2f s (best of %d): ratio %.2f× (goal ≤ 1.30×)%n",
                    sluice, psql, ROUNDS, sluice / psql);

            double psqlIncremental = psqlCopy(port, database, c, incremental);
            long start = System.nanoTime();
            LoadReport report = load(c, loader, new LoadRequest(table, LoadMode.INCREMENTAL,
                    List.of(new LoadFile("incremental-1", incremental, Instant.parse("2024-10-17T00:00:00Z"))),
                    DriftPolicy.FAIL));
            double upsert = seconds(start);
            long expected = rows + incrementalRows - incrementalRows / 2;
            check(count(c, "signatures") == expected, "the upsert updated half and inserted half");
            System.out.printf(Locale.ROOT, "INCREMENTAL: %,d rows upserted into %,d in %.2f s (%,.0f rows/s);"
                    + " psql \\copy of the same file into an empty plain table %.2f s%n",
                    report.rowsLoaded(), rows, upsert, incrementalRows / upsert, psqlIncremental);
        }
        System.exit(0);
    }

    private static List<ColumnDef> columns() {
        List<ColumnDef> columns = new ArrayList<>();
        for (String[] column : SignaturesCsv.COLUMNS) {
            columns.add(new ColumnDef(column[0], column[1], true));
        }
        return columns;
    }

    private static LoadReport load(Connection c, PostgresTableLoader loader, LoadRequest request) throws Exception {
        c.setAutoCommit(false);
        try {
            LoadReport report = loader.load(c, request);
            c.commit();
            return report;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void dropRetired(Connection c, TableDef table) throws SQLException {
        c.setAutoCommit(false);
        PostgresTableLoader.dropRetired(c, table);
        c.commit();
        c.setAutoCommit(true);
    }

    /** psql's \copy of the file into a fresh plain table of the same columns (the table is made untimed). */
    private static double psqlCopy(int port, String database, Connection c, Path file) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS signatures_plain");
            StringBuilder ddl = new StringBuilder("CREATE TABLE signatures_plain (");
            for (String[] column : SignaturesCsv.COLUMNS) {
                ddl.append(column == SignaturesCsv.COLUMNS[0] ? "" : ", ").append('"').append(column[0]).append("\" ")
                        .append(column[1]);
            }
            s.execute(ddl.append(')').toString());
        }
        ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "localhost",
                "-p", String.valueOf(port), "-U", "postgres", "-d", database, "-c",
                "\\copy signatures_plain FROM '" + file.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)")
                .inheritIO();
        long start = System.nanoTime();
        int exit = psql.start().waitFor();
        double took = seconds(start);
        check(exit == 0, "psql \\copy succeeded");
        return took;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double last(List<Double> times) {
        return times.get(times.size() - 1);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }
}
