package dev.sluice.controlshift.batch;

import dev.sluice.controlshift.store.Database;
import dev.sluice.postgres.load.FileOutcome;
import dev.sluice.postgres.load.LoadFile;
import dev.sluice.postgres.load.LoadRefusedException;
import dev.sluice.postgres.load.LoadReport;
import dev.sluice.postgres.load.LoadRequest;
import dev.sluice.postgres.load.TableDef;
import dev.sluice.postgres.load.TableLoader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a locked batch's files into the target, once each.
 *
 * <ol>
 *   <li>The downloaded files are loaded together in one transaction. The table loader keeps the once-only
 *       ledger ({@code sluice_loads.files}, in the target, in that transaction) and says what became of
 *       each file: loaded now, already loaded (SKIPPED when another batch loaded it, LOADED when an
 *       earlier attempt of this batch did and died before recording it), or superseded by a full export
 *       (SKIPPED).</li>
 *   <li>When that fails on the files' content ({@link LoadRefusedException}: a bad row, a header the drift
 *       policy refuses; or a database error of the data), each file is loaded alone, in export order: the
 *       good ones commit, a bad one is QUARANTINED with the error. A failure that is not the files' fault
 *       (connection, conflict, resources, timeout) is a {@link TransientLoadException}: nothing is
 *       quarantined and the batch is retried, at most {@link BatchRules#maxAttempts()} times.</li>
 * </ol>
 */
public final class BatchLoader {
    private final Database target;
    private final TableLoader loader;
    private final TargetTables tables;
    private final BatchStore batches;
    private final Duration statementTimeout;
    private final LoadListener listener;

    public BatchLoader(Database target, TableLoader loader, TargetTables tables, BatchStore batches, Duration statementTimeout,
            LoadListener listener) {
        this.target = target;
        this.loader = loader;
        this.tables = tables;
        this.batches = batches;
        this.statementTimeout = statementTimeout;
        this.listener = listener;
    }

    public LoadResult load(Batch batch, List<BatchFile> files) throws TransientLoadException {
        String qualified = tables.qualified(batch.table());
        List<LoadResult.FileResult> results = new ArrayList<>();
        List<BatchFile> toLoad = new ArrayList<>();
        for (BatchFile file : files) {
            if (file.path() == null) {
                results.add(result(file, FileStatus.MISSING, null, file.error() == null ? "never downloaded" : file.error()));
            } else {
                toLoad.add(file);
            }
        }
        toLoad.sort(Comparator.comparing(BatchFile::exportTs, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(BatchFile::eventId));
        long[] rows = new long[2];
        if (!toLoad.isEmpty()) {
            loadAll(batch, qualified, toLoad, results, rows);
        }
        return finished(qualified, rows, results);
    }

    /** A file not to load (a full export older than one already loaded): the batch completes without it. */
    public LoadResult skipped(Batch batch, BatchFile file, String reason) {
        return finished(tables.qualified(batch.table()), new long[2], List.of(result(file, FileStatus.SKIPPED, null, reason)));
    }

    private void loadAll(Batch batch, String qualified, List<BatchFile> toLoad, List<LoadResult.FileResult> results, long[] rows)
            throws TransientLoadException {
        try {
            outcomes(batch, toLoad, loadInOneTransaction(batch, qualified, toLoad), results, rows);
            return;
        } catch (FileFault fault) {
            if (toLoad.size() == 1) {
                results.add(result(toLoad.get(0), FileStatus.QUARANTINED, null, fault.getMessage()));
                return;
            }
        }
        for (BatchFile file : toLoad) {
            try {
                outcomes(batch, List.of(file), loadInOneTransaction(batch, qualified, List.of(file)), results, rows);
            } catch (FileFault fault) {
                results.add(result(file, FileStatus.QUARANTINED, null, fault.getMessage()));
            }
        }
    }

    /** Each file's result from what the table loader did with it. */
    private void outcomes(Batch batch, List<BatchFile> files, LoadReport report, List<LoadResult.FileResult> results, long[] rows)
            throws TransientLoadException {
        rows[0] += report.rowsLoaded();
        rows[1] += report.rowsRejected();
        Map<String, FileOutcome> byKey = new HashMap<>();
        report.files().forEach(outcome -> byKey.put(outcome.key(), outcome));
        for (BatchFile file : files) {
            FileOutcome outcome = byKey.get(file.fileKey());
            if (outcome == null) {
                throw new IllegalStateException("the table loader said nothing of " + file.fileKey());
            }
            results.add(switch (outcome.status()) {
                case LOADED -> result(file, FileStatus.LOADED, outcome.rowsLoaded(), null);
                case ALREADY_LOADED -> alreadyLoaded(batch, file);
                case OLDER_FULL_IGNORED -> result(file, FileStatus.SKIPPED, null,
                        "older than the full export already in " + tables.qualified(batch.table()));
                case SUPERSEDED -> result(file, FileStatus.SKIPPED, null,
                        "superseded: a full export taken after it is already in " + tables.qualified(batch.table()));
            });
        }
    }

    /** The ledger says the file is in the target; the store says which batch put it there, if it knows. */
    private LoadResult.FileResult alreadyLoaded(Batch batch, BatchFile file) throws TransientLoadException {
        Optional<Long> by;
        try {
            by = batches.loadedBy(file.eventId(), batch.id());
        } catch (SQLException e) {
            throw new TransientLoadException("could not read which batch loaded " + file.fileKey() + ": " + e.getMessage(), e);
        }
        return by.isPresent()
                ? result(file, FileStatus.SKIPPED, null, "already loaded by batch " + by.get())
                : result(file, FileStatus.LOADED, null, "loaded by an earlier attempt whose outcome was not recorded");
    }

    private LoadReport loadInOneTransaction(Batch batch, String qualified, List<BatchFile> files)
            throws FileFault, TransientLoadException {
        LoadReport report;
        try (Connection tx = target.open()) {
            tx.setAutoCommit(false);
            try {
                if (!statementTimeout.isZero()) {
                    try (Statement s = tx.createStatement()) {
                        s.execute("SET LOCAL statement_timeout TO " + statementTimeout.toMillis());
                    }
                }
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
        List<String> loaded = report.files().stream().filter(f -> f.status() == FileOutcome.Status.LOADED).map(FileOutcome::key)
                .toList();
        listener.committed(batch.id(), qualified, loaded, report.rowsLoaded());
        return report;
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
