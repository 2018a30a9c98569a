package dev.sluice.cli;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.engine.JobProgress;
import dev.sluice.core.engine.JobResult;
import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobKey;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.Ledger;
import dev.sluice.core.ledger.NewJob;
import dev.sluice.core.ledger.SqliteLedger;
import dev.sluice.core.source.LocalFile;
import dev.sluice.core.source.SourceObject;
import dev.sluice.postgres.load.BadRowPolicy;
import dev.sluice.postgres.load.Catalog;
import dev.sluice.postgres.load.FileOutcome;
import dev.sluice.postgres.load.LoadFile;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.LoadOptions;
import dev.sluice.postgres.load.LoadRefusedException;
import dev.sluice.postgres.load.LoadReport;
import dev.sluice.postgres.load.LoadRequest;
import dev.sluice.postgres.load.PostgresTableLoader;
import dev.sluice.postgres.load.TableDef;
import dev.sluice.postgres.load.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code sluice import FILE --to postgres}: not a per-row sink but one COPY in one transaction, so it
 * has its own path beside the engine, with the same summary, exit codes and rejects file. The file is
 * loaded whole or not at all; the once-only ledger row is written in the target database in the same
 * transaction (so "already imported" holds even across machines), and the job is also recorded in
 * the local ledger for {@code sluice jobs}. A rerun after a failure starts over, which is safe because
 * nothing of the failed run was committed.
 */
final class PostgresImport {
    private final Console console;
    private final boolean json;

    PostgresImport(Console console, boolean json) {
        this.console = console;
        this.json = json;
    }

    /** What to load and how, from the command's options. */
    record Settings(String file, String versionId, CsvOptions csv, TableRef table, LoadMode mode, List<String> key,
            PostgresOptions options, Path rejects, Path state, boolean force) {
    }

    /**
     * The file as a local path for COPY: a local file as it is; an {@code s3://} object downloaded (once,
     * decompressed) into the state folder and deleted afterwards. The loader needs a path because a failed
     * batch may read its files more than once.
     */
    private record LocalCopy(Path path, boolean temporary) implements AutoCloseable {
        static LocalCopy of(SourceObject source, Path state) throws IOException {
            if (source instanceof LocalFile) {
                return new LocalCopy(Path.of(source.name()), false);
            }
            Path downloads = Files.createDirectories(state.resolve("downloads"));
            Path copy = Files.createTempFile(downloads, "s3-", ".csv");
            try (InputStream in = source.open(0)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            return new LocalCopy(copy, true);
        }

        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(path);
            }
        }
    }

    int run(Settings settings, FileOptions fileOptions) throws IOException {
        String emptyCells = fileOptions.emptyCellPolicy();
        if (!emptyCells.equals("omit") && !emptyCells.equals("null")) {
            throw new IllegalArgumentException("--to postgres loads empty cells as NULL; --empty-cells " + emptyCells
                    + " is not supported");
        }
        if (!fileOptions.types.isEmpty()) {
            throw new IllegalArgumentException("--to postgres takes each column's type from the table; drop --type");
        }
        String url = console.env(PostgresOptions.URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("set " + PostgresOptions.URL_VARIABLE
                    + " to the database's JDBC URL, e.g. jdbc:postgresql://localhost:5432/warehouse?user=loader"
                    + " (the password from PGPASSWORD or the URL)");
        }
        try (Sources.Opened opened = Sources.open(console, settings.file(), settings.versionId());
             LocalCopy local = LocalCopy.of(opened.source(), settings.state())) {
            return run(settings, opened.source(), local.path(), url);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private int run(Settings settings, SourceObject source, Path path, String url) throws IOException {
        String where = describe(url);
        String destination = "postgres " + where + " table:" + settings.table() + " mode:"
                + settings.mode().name().toLowerCase(Locale.ROOT);
        String jobKey = JobKey.of(source.uri(), source.version(), destination);
        String fileKey = settings.force() ? jobKey + " forced " + Instant.now() : jobKey;
        Path rejects = settings.rejects();
        Instant started = Instant.now();
        try (Ledger ledger = SqliteLedger.open(settings.state());
             Connection c = connect(url)) {
            TableDef table = Catalog.describe(c, settings.table(), settings.key()).orElseThrow(() ->
                    new IllegalArgumentException("table " + settings.table() + " does not exist in " + where
                            + "; create it first (its columns' types are what each cell is checked against)"));
            JobRecord job = ledger.start(new NewJob(jobKey, source.uri(), source.version(), destination, null,
                    Checkpoint.START, rejects.toString()));
            JobProgress progress = new JobProgress();
            LoadRequest request = new LoadRequest(table, settings.mode(),
                    List.of(new LoadFile(fileKey, path, null)), settings.options().drift(),
                    LoadOptions.defaults().withBadRows(BadRowPolicy.rejectTo(rejects)).withProgress(progress));
            ProgressLine line = ProgressLine.start(console, progress, console.interactive() && !json);
            JobResult result;
            try {
                result = load(c, new PostgresTableLoader(settings.csv()), request, source, started);
            } finally {
                stop(line);
            }
            Checkpoint end = new Checkpoint(result.checkpointOffset(), 1, result.counts(), 0);
            ledger.finish(job.id(), status(result), end, result.status() == JobResult.Status.STOPPED ? result.message() : null);
            new Summary(console, json).print(result, source.name(), "PostgreSQL table " + settings.table() + " ("
                    + where + ", " + settings.mode().name().toLowerCase(Locale.ROOT) + ")");
            return ImportCommand.exitCode(result);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL (" + where + "): " + e.getMessage(), e);
        }
    }

    private static void stop(ProgressLine line) {
        try {
            line.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JobResult load(Connection c, PostgresTableLoader loader, LoadRequest request, SourceObject source,
            Instant started) throws IOException {
        try {
            c.setAutoCommit(false);
            LoadReport report = loader.load(c, request);
            c.commit();
            Duration took = Duration.between(started, Instant.now());
            FileOutcome outcome = report.files().get(0);
            if (outcome.status() == FileOutcome.Status.ALREADY_LOADED) {
                return new JobResult(JobResult.Status.ALREADY_IMPORTED, Counts.ZERO, 0, null, took,
                        "use --force to load it again", false);
            }
            Counts counts = new Counts(outcome.rowsRead(), outcome.rowsLoaded(), outcome.rowsRejected(), 0, 1, 0);
            return new JobResult(JobResult.Status.COMPLETED, counts, source.size(), outcome.rejectsFile(), took,
                    message(report), false);
        } catch (LoadRefusedException e) {
            rollback(c);
            return new JobResult(JobResult.Status.INVALID, Counts.ZERO, 0, null,
                    Duration.between(started, Instant.now()), e.getMessage(), false);
        } catch (SQLException e) {
            rollback(c);
            return new JobResult(JobResult.Status.STOPPED, Counts.ZERO, 0, null, Duration.between(started, Instant.now()),
                    "nothing was loaded (the transaction was rolled back): " + e.getMessage(), false);
        }
    }

    private static String message(LoadReport report) {
        List<String> notes = new ArrayList<>();
        if (report.duplicateKeys() > 0) {
            notes.add(report.duplicateKeys() + " rows had a key a later row of the file replaced");
        }
        if (!report.addedColumns().isEmpty()) {
            notes.add("added columns: " + String.join(", ", report.addedColumns()));
        }
        if (!report.missingColumns().isEmpty()) {
            notes.add("columns not in the file: " + String.join(", ", report.missingColumns()));
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static JobStatus status(JobResult result) {
        return switch (result.status()) {
            case COMPLETED, ALREADY_IMPORTED -> JobStatus.COMPLETED;
            case INVALID, STOPPED -> JobStatus.STOPPED;
        };
    }

    private Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        String password = console.env("PGPASSWORD");
        if (password != null && !url.contains("password=")) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    /** host:port/database, never the user, the password or other parameters. */
    static String describe(String url) {
        try {
            URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
        } catch (IllegalArgumentException e) {
            return "the database of " + PostgresOptions.URL_VARIABLE;
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls the transaction back itself
        }
    }
}
