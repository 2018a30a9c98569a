package dev.sluice.controlshift.batch;

import dev.sluice.controlshift.store.Database;
import dev.sluice.postgres.load.LoadFile;
import dev.sluice.postgres.load.LoadReport;
import dev.sluice.postgres.load.LoadRequest;
import dev.sluice.postgres.load.TableDef;
import dev.sluice.postgres.load.TableLoader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Loads a locked batch's files into the target, once each.
 *
 * <ol>
 *   <li>Files already in the ledger are not loaded again: SKIPPED when another batch loaded them, LOADED
 *       when an earlier attempt of this batch did and died before recording it.</li>
 *   <li>The rest are loaded together in one transaction with their ledger rows.</li>
 *   <li>When that fails on the files' content, each file is loaded alone, in export order: the good ones
 *       commit, a bad one is QUARANTINED with the database's error. A failure that is not the files'
 *       fault (connection, conflict, resources) is a {@link TransientLoadException}: nothing is quarantined
 *       and the batch is retried.</li>
 * </ol>
 */
public final class BatchLoader {
    private final Database target;
    private final TableLoader loader;
    private final TargetTables tables;
    private final Duration statementTimeout;
    private final LoadListener listener;

    public BatchLoader(Database target, TableLoader loader, TargetTables tables, Duration statementTimeout, LoadListener listener) {
        this.target = target;
        this.loader = loader;
        this.tables = tables;
        this.statementTimeout = statementTimeout;
        this.listener = listener;
    }

    public LoadResult load(Batch batch, List<BatchFile> files, Instant now) throws TransientLoadException {
        String qualified = tables.qualified(batch.table());
        List<LoadResult.FileResult> results = new ArrayList<>();
        List<BatchFile> toLoad = new ArrayList<>();
        Map<String, Long> loaded = alreadyLoaded(files);
        for (BatchFile file : files) {
            Long by = loaded.get(file.fileKey());
            if (by != null) {
                results.add(by == batch.id()
                        ? result(file, FileStatus.LOADED, null, "loaded by an earlier attempt of this batch")
                        : result(file, FileStatus.SKIPPED, null, "already loaded by batch " + by));
            } else if (file.path() == null) {
                results.add(result(file, FileStatus.MISSING, null, file.error() == null ? "never downloaded" : file.error()));
            } else {
                toLoad.add(file);
            }
        }
        toLoad.sort(Comparator.comparing(BatchFile::exportTs, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(BatchFile::eventId));
        long[] rows = new long[2];
        if (!toLoad.isEmpty()) {
            loadAll(batch, qualified, toLoad, now, results, rows);
        }
        return finished(qualified, rows, results);
    }

    /** A file not to load (a full export older than one already loaded): the batch completes without it. */
    public LoadResult skipped(Batch batch, BatchFile file, String reason) {
        return finished(tables.qualified(batch.table()), new long[2], List.of(result(file, FileStatus.SKIPPED, null, reason)));
    }

    private void loadAll(Batch batch, String qualified, List<BatchFile> toLoad, Instant now, List<LoadResult.FileResult> results,
            long[] rows) throws TransientLoadException {
        try {
            LoadReport report = loadInOneTransaction(batch, qualified, toLoad, now);
            rows[0] += report.rowsLoaded();
            rows[1] += report.rowsRejected();
            for (BatchFile file : toLoad) {
                results.add(result(file, FileStatus.LOADED, toLoad.size() == 1 ? report.rowsLoaded() : null, null));
            }
            return;
        } catch (FileFault fault) {
            if (toLoad.size() == 1) {
                results.add(result(toLoad.get(0), FileStatus.QUARANTINED, null, fault.getMessage()));
                return;
            }
        }
        for (BatchFile file : toLoad) {
            try {
                LoadReport report = loadInOneTransaction(batch, qualified, List.of(file), now);
                rows[0] += report.rowsLoaded();
                rows[1] += report.rowsRejected();
                results.add(result(file, FileStatus.LOADED, report.rowsLoaded(), null));
            } catch (FileFault fault) {
                results.add(result(file, FileStatus.QUARANTINED, null, fault.getMessage()));
            }
        }
    }

    private LoadReport loadInOneTransaction(Batch batch, String qualified, List<BatchFile> files, Instant now)
            throws FileFault, TransientLoadException {
        List<String> keys = files.stream().map(BatchFile::fileKey).toList();
        LoadReport report;
        try (Connection tx = target.open()) {
            tx.setAutoCommit(false);
            try {
                if (!statementTimeout.isZero()) {
                    try (Statement s = tx.createStatement()) {
                        s.execute("SET statement_timeout TO " + statementTimeout.toMillis());
                    }
                }
                FileLedger.record(tx, keys, batch.id(), batch.table(), qualified, now);
                TableDef table = tables.tableDef(batch.table(), files.get(0).path());
                List<LoadFile> loadFiles = files.stream().map(f -> new LoadFile(f.fileKey(), f.path(), f.exportTs())).toList();
                report = loader.load(tx, new LoadRequest(table, tables.mode(batch.kind()), loadFiles, tables.drift()));
                tx.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (Transience.isTransient(e)) {
                throw new TransientLoadException(e.getMessage(), e);
            }
            throw new FileFault(describe(e));
        } catch (IOException | RuntimeException e) {
            throw new FileFault(describe(e));
        }
        listener.committed(batch.id(), qualified, keys, report.rowsLoaded());
        return report;
    }

    private Map<String, Long> alreadyLoaded(List<BatchFile> files) throws TransientLoadException {
        try (Connection c = target.open()) {
            return FileLedger.loadedAmong(c, files.stream().map(BatchFile::fileKey).toList());
        } catch (SQLException e) {
            throw new TransientLoadException("could not read the loaded-files ledger: " + e.getMessage(), e);
        }
    }

    private static LoadResult finished(String qualified, long[] rows, List<LoadResult.FileResult> results) {
        List<String> problems = results.stream()
                .filter(r -> r.status() == FileStatus.QUARANTINED || r.status() == FileStatus.MISSING)
                .map(r -> r.fileKey() + ": " + r.error()).toList();
        String error = problems.isEmpty() ? null
                : problems.size() + " of " + results.size() + " files not loaded: " + String.join("; ", problems);
        return new LoadResult(problems.isEmpty() ? BatchStatus.COMPLETE : BatchStatus.ERROR, qualified, rows[0], rows[1], error,
                results);
    }

    private static LoadResult.FileResult result(BatchFile file, FileStatus status, Long rows, String note) {
        return new LoadResult.FileResult(file.eventId(), file.fileKey(), status, rows, note);
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null || e instanceof RuntimeException ? e.toString() : e.getMessage();
        return e instanceof SQLException sql && sql.getSQLState() != null ? message + " [SQLSTATE " + sql.getSQLState() + "]" : message;
    }

    /** The load failed on what the files hold (a bad row, a bad header, a drift the policy refuses). */
    private static final class FileFault extends Exception {
        FileFault(String message) {
            super(message);
        }
    }
}
