package dev.sluice.controlshift.batch;

import dev.sluice.controlshift.ExportKind;
import dev.sluice.controlshift.store.Database;
import dev.sluice.controlshift.store.EventStatus;
import dev.sluice.controlshift.store.EventStore;
import dev.sluice.controlshift.store.StoredEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The batches (PostgreSQL, schema {@code sluice_controlshift}): which files go together, who loads them
 * under which lease, and how each ended.
 *
 * <p>A batch's file set is final once it leaves OPEN: a file joins a batch by updating the batch's row
 * where {@code status = 'OPEN'} and inserting its {@code batch_files} row in the same transaction, and
 * closing updates the same row. PostgreSQL orders the two on the row lock, so a file arriving while a
 * batch closes is either in that batch (committed before the close) or in the next one, never lost and
 * never added to a batch already being loaded.
 */
public final class BatchStore {
    private static final String COLUMNS = """
            id, cs_table, kind, status, file_count, csv_bytes, created_at, first_file_at, closed_at, locked_at,
            finished_at, updated_at, attempts, lease_owner, lease_until, target, rows_loaded, rows_rejected, error,
            reprocess_of, reprocessed_as""";

    private final Database store;
    private final BatchRules rules;

    public BatchStore(Database store, BatchRules rules) {
        this.store = store;
        this.rules = rules;
    }

    public BatchRules rules() {
        return rules;
    }

    /**
     * A downloaded file joins its batch, in the same transaction that marks its event downloaded: an
     * incremental file joins the open batch of its table (opening one if needed); a full file becomes a
     * closed batch of its own.
     */
    public Optional<Long> addDownloaded(StoredEvent event, String owner, Path file, long wireBytes, long csvBytes, Instant now)
            throws SQLException {
        return store.inTransaction(tx -> {
            if (!EventStore.markDownloaded(tx, event.id(), owner, file.toString(), wireBytes, csvBytes)) {
                return Optional.empty();
            }
            long batch = event.kind() == ExportKind.FULL
                    ? newBatch(tx, event.table(), event.kind(), BatchStatus.PENDING, now, csvBytes, "full export: a batch of its own")
                    : joinOpenBatch(tx, event, csvBytes, now);
            addFile(tx, batch, event.id(), FileStatus.WAITING, null);
            return Optional.of(batch);
        });
    }

    /**
     * A file that could not be downloaded: a batch of its own in ERROR, so the failure is seen and notified.
     * Empty when {@code owner} had lost the event to another worker.
     */
    public Optional<Long> addUndownloadable(StoredEvent event, String owner, EventStatus eventStatus, String error, Instant now)
            throws SQLException {
        return store.inTransaction(tx -> {
            if (!EventStore.markFailed(tx, event.id(), owner, eventStatus, error)) {
                return Optional.empty();
            }
            long batch = newBatch(tx, event.table(), event.kind(), BatchStatus.ERROR, now, 0, error);
            addFile(tx, batch, event.id(), FileStatus.MISSING, error);
            try (PreparedStatement s = tx.prepareStatement(
                    "UPDATE sluice_controlshift.batches SET error = ?, finished_at = ? WHERE id = ?")) {
                s.setString(1, error);
                s.setTimestamp(2, Timestamp.from(now));
                s.setLong(3, batch);
                s.executeUpdate();
            }
            return Optional.of(batch);
        });
    }

    private long joinOpenBatch(Connection tx, StoredEvent event, long csvBytes, Instant now) throws SQLException {
        while (true) {
            try (PreparedStatement s = tx.prepareStatement("""
                    UPDATE sluice_controlshift.batches
                    SET file_count = file_count + 1, csv_bytes = csv_bytes + ?, first_file_at = COALESCE(first_file_at, ?), updated_at = ?
                    WHERE cs_table = ? AND kind = ? AND status = 'OPEN'
                    RETURNING id""")) {
                s.setLong(1, csvBytes);
                s.setTimestamp(2, Timestamp.from(now));
                s.setTimestamp(3, Timestamp.from(now));
                s.setString(4, event.table());
                s.setString(5, event.kind().name());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return r.getLong(1);
                    }
                }
            }
            // No open batch: open one (a concurrent opener wins the unique index; then join its batch).
            try (PreparedStatement s = tx.prepareStatement("""
                    INSERT INTO sluice_controlshift.batches (cs_table, kind, status, created_at, updated_at)
                    VALUES (?, ?, 'OPEN', ?, ?)
                    ON CONFLICT (cs_table, kind) WHERE status = 'OPEN' DO NOTHING
                    RETURNING id""")) {
                s.setString(1, event.table());
                s.setString(2, event.kind().name());
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        history(tx, r.getLong(1), BatchStatus.OPEN, now, null);
                    }
                }
            }
        }
    }

    private long newBatch(Connection tx, String table, ExportKind kind, BatchStatus status, Instant now, long csvBytes, String note)
            throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("""
                INSERT INTO sluice_controlshift.batches
                    (cs_table, kind, status, file_count, csv_bytes, created_at, first_file_at, closed_at, updated_at, not_before)
                VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
                RETURNING id""")) {
            s.setString(1, table);
            s.setString(2, kind.name());
            s.setString(3, status.name());
            s.setLong(4, csvBytes);
            for (int i = 5; i <= 9; i++) {
                s.setTimestamp(i, Timestamp.from(now));
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long id = r.getLong(1);
                history(tx, id, status, now, note);
                return id;
            }
        }
    }

    private static void addFile(Connection tx, long batch, long eventId, FileStatus status, String error) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("""
                INSERT INTO sluice_controlshift.batch_files (batch_id, event_id, position, status, error)
                VALUES (?, ?, (SELECT count(*) FROM sluice_controlshift.batch_files WHERE batch_id = ?), ?, ?)""")) {
            s.setLong(1, batch);
            s.setLong(2, eventId);
            s.setLong(3, batch);
            s.setString(4, status.name());
            s.setString(5, error);
            s.executeUpdate();
        }
    }

    /** Closes every open batch whose count, age or bytes rule fires at {@code now}; returns how many. */
    public int closeDue(Instant now) throws SQLException {
        return store.inTransaction(tx -> {
            List<Long> closed = new ArrayList<>();
            try (PreparedStatement s = tx.prepareStatement("""
                    UPDATE sluice_controlshift.batches SET status = 'PENDING', closed_at = ?, updated_at = ?, not_before = ?
                    WHERE status = 'OPEN' AND file_count > 0 AND (file_count >= ? OR csv_bytes >= ? OR first_file_at <= ?)
                    RETURNING id, file_count, csv_bytes, first_file_at""")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setTimestamp(2, Timestamp.from(now));
                s.setTimestamp(3, Timestamp.from(now));
                s.setInt(4, rules.maxFiles());
                s.setLong(5, rules.maxBytes());
                s.setTimestamp(6, Timestamp.from(now.minus(rules.maxAge())));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        closed.add(r.getLong(1));
                        history(tx, r.getLong(1), BatchStatus.PENDING, now, closeReason(r.getInt(2), r.getLong(3),
                                r.getTimestamp(4).toInstant(), now));
                    }
                }
            }
            return closed.size();
        });
    }

    private String closeReason(int files, long bytes, Instant firstFileAt, Instant now) {
        if (files >= rules.maxFiles()) {
            return "closed: " + files + " files (batch size " + rules.maxFiles() + ")";
        }
        if (bytes >= rules.maxBytes()) {
            return "closed: " + bytes + " bytes (limit " + rules.maxBytes() + ")";
        }
        return "closed: oldest file waited " + java.time.Duration.between(firstFileAt, now).toSeconds() + " s (max age "
                + rules.maxAge().toSeconds() + " s)";
    }

    /**
     * Takes the oldest batch ready to load, under a lease for {@code owner}: a PENDING one, or a LOCKED one
     * whose lease ran out (its worker died). Concurrent workers never take the same batch (row locks with
     * SKIP LOCKED). A batch taken more than {@code maxAttempts} times goes to ERROR instead.
     */
    public Optional<Claim> lockNext(String owner, Instant now) throws SQLException {
        Optional<Batch> taken = store.inTransaction(tx -> lockOne(tx, owner, now));
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        Batch batch = taken.get();
        return Optional.of(batch.status() == BatchStatus.LOCKED
                ? new Claim.Locked(batch, files(batch.id()))
                : new Claim.GaveUp(batch, files(batch.id())));
    }

    private Optional<Batch> lockOne(Connection tx, String owner, Instant now) throws SQLException {
        Batch candidate;
        try (PreparedStatement s = tx.prepareStatement("SELECT " + COLUMNS + " FROM sluice_controlshift.batches "
                + "WHERE (status = 'PENDING' AND not_before <= ?) OR (status = 'LOCKED' AND lease_until < ?) "
                + "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                candidate = batch(r);
            }
        }
        String taken = candidate.status() == BatchStatus.LOCKED
                ? "lease of " + candidate.leaseOwner() + " ran out at " + candidate.leaseUntil() + "; taken by " + owner
                : "locked by " + owner;
        if (candidate.attempts() >= rules.maxAttempts()) {
            String error = "gave up after " + candidate.attempts() + " attempts"
                    + (candidate.error() == null ? "" : "; last error: " + candidate.error());
            setStatus(tx, candidate.id(), BatchStatus.ERROR, now, error);
            return get(tx, candidate.id());
        }
        try (PreparedStatement s = tx.prepareStatement("""
                UPDATE sluice_controlshift.batches SET status = 'LOCKED', lease_owner = ?, lease_until = ?, locked_at = ?,
                       updated_at = ?, attempts = attempts + 1
                WHERE id = ?""")) {
            s.setString(1, owner);
            s.setTimestamp(2, Timestamp.from(now.plus(rules.lease())));
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(now));
            s.setLong(5, candidate.id());
            s.executeUpdate();
        }
        history(tx, candidate.id(), BatchStatus.LOCKED, now, taken);
        return get(tx, candidate.id());
    }

    /**
     * Records how a load ended, if {@code owner} still holds the lease (a worker whose lease ran out and
     * whose batch another took must not overwrite it). Returns whether it was recorded.
     */
    public boolean finish(long batchId, String owner, LoadResult result, Instant now) throws SQLException {
        return store.inTransaction(tx -> {
            try (PreparedStatement s = tx.prepareStatement("""
                    UPDATE sluice_controlshift.batches
                    SET status = ?, finished_at = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL,
                        target = ?, rows_loaded = ?, rows_rejected = ?, error = ?
                    WHERE id = ? AND status = 'LOCKED' AND lease_owner = ?""")) {
                s.setString(1, result.status().name());
                s.setTimestamp(2, Timestamp.from(now));
                s.setTimestamp(3, Timestamp.from(now));
                s.setString(4, result.target());
                s.setLong(5, result.rowsLoaded());
                s.setLong(6, result.rowsRejected());
                s.setString(7, result.error());
                s.setLong(8, batchId);
                s.setString(9, owner);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            for (LoadResult.FileResult file : result.files()) {
                try (PreparedStatement s = tx.prepareStatement("""
                        UPDATE sluice_controlshift.batch_files SET status = ?, rows = ?, error = ?
                        WHERE batch_id = ? AND event_id = ?""")) {
                    s.setString(1, file.status().name());
                    s.setObject(2, file.rows());
                    s.setString(3, file.error());
                    s.setLong(4, batchId);
                    s.setLong(5, file.eventId());
                    s.executeUpdate();
                }
            }
            history(tx, batchId, result.status(), now, result.summary());
            return true;
        });
    }

    /**
     * A transient failure (the target unreachable, a serialization conflict): the batch goes back to
     * PENDING, to be taken again after the retry backoff. Returns whether {@code owner} still held it.
     */
    public boolean release(long batchId, String owner, String error, Instant now) throws SQLException {
        return store.inTransaction(tx -> {
            try (PreparedStatement s = tx.prepareStatement("""
                    UPDATE sluice_controlshift.batches SET status = 'PENDING', lease_owner = NULL, lease_until = NULL,
                           not_before = ?, updated_at = ?, error = ?
                    WHERE id = ? AND status = 'LOCKED' AND lease_owner = ?""")) {
                s.setTimestamp(1, Timestamp.from(now.plus(rules.retryBackoff())));
                s.setTimestamp(2, Timestamp.from(now));
                s.setString(3, error);
                s.setLong(4, batchId);
                s.setString(5, owner);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            history(tx, batchId, BatchStatus.PENDING, now, "released for a retry: " + error);
            return true;
        });
    }

    /**
     * Replaces an ERROR or LOCKED batch by a new PENDING batch of the same files (the ledger skips those
     * already loaded); the old one becomes REPROCESSED. Returns the new batch's id.
     *
     * @throws IllegalStateException when the batch is in any other state (an OPEN batch has not been tried;
     *     a COMPLETE one has nothing left to load)
     */
    public long reprocess(long batchId, Instant now) throws SQLException {
        return store.inTransaction(tx -> {
            Batch old = lockedRow(tx, batchId);
            if (old.status() != BatchStatus.ERROR && old.status() != BatchStatus.LOCKED) {
                throw new IllegalStateException("batch " + batchId + " is " + old.status()
                        + ": only an ERROR or LOCKED batch can be reprocessed");
            }
            long fresh;
            try (PreparedStatement s = tx.prepareStatement("""
                    INSERT INTO sluice_controlshift.batches
                        (cs_table, kind, status, file_count, csv_bytes, created_at, first_file_at, closed_at, updated_at, not_before, reprocess_of)
                    SELECT cs_table, kind, 'PENDING', file_count, csv_bytes, ?, first_file_at, ?, ?, ?, id
                    FROM sluice_controlshift.batches WHERE id = ?
                    RETURNING id""")) {
                for (int i = 1; i <= 4; i++) {
                    s.setTimestamp(i, Timestamp.from(now));
                }
                s.setLong(5, batchId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    fresh = r.getLong(1);
                }
            }
            try (PreparedStatement s = tx.prepareStatement("""
                    INSERT INTO sluice_controlshift.batch_files (batch_id, event_id, position, status)
                    SELECT ?, event_id, position, 'WAITING' FROM sluice_controlshift.batch_files WHERE batch_id = ?""")) {
                s.setLong(1, fresh);
                s.setLong(2, batchId);
                s.executeUpdate();
            }
            try (PreparedStatement s = tx.prepareStatement("""
                    UPDATE sluice_controlshift.batches SET status = 'REPROCESSED', reprocessed_as = ?, updated_at = ?,
                           lease_owner = NULL, lease_until = NULL
                    WHERE id = ?""")) {
                s.setLong(1, fresh);
                s.setTimestamp(2, Timestamp.from(now));
                s.setLong(3, batchId);
                s.executeUpdate();
            }
            history(tx, batchId, BatchStatus.REPROCESSED, now, "reprocessed as batch " + fresh);
            history(tx, fresh, BatchStatus.PENDING, now, "reprocess of batch " + batchId);
            return fresh;
        });
    }

    /**
     * Takes a LOCKED batch back to PENDING now, without waiting for its lease (an operator knows its worker
     * is gone). Safe even if the worker still runs: the ledger stops a second load of its files and the
     * worker, having lost its lease, records nothing.
     */
    public void unlock(long batchId, Instant now) throws SQLException {
        store.inTransaction(tx -> {
            Batch batch = lockedRow(tx, batchId);
            if (batch.status() != BatchStatus.LOCKED) {
                throw new IllegalStateException("batch " + batchId + " is " + batch.status() + ", not LOCKED");
            }
            setStatus(tx, batchId, BatchStatus.PENDING, now, "unlocked by an operator (was held by " + batch.leaseOwner() + ")");
            return null;
        });
    }

    private void setStatus(Connection tx, long batchId, BatchStatus status, Instant now, String note) throws SQLException {
        boolean terminal = status == BatchStatus.ERROR || status == BatchStatus.COMPLETE;
        try (PreparedStatement s = tx.prepareStatement("""
                UPDATE sluice_controlshift.batches SET status = ?, updated_at = ?, not_before = ?, lease_owner = NULL,
                       lease_until = NULL, error = CASE WHEN ? THEN ? ELSE error END,
                       finished_at = CASE WHEN ? THEN ? ELSE finished_at END
                WHERE id = ?""")) {
            s.setString(1, status.name());
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            s.setBoolean(4, status == BatchStatus.ERROR);
            s.setString(5, note);
            s.setBoolean(6, terminal);
            s.setTimestamp(7, Timestamp.from(now));
            s.setLong(8, batchId);
            s.executeUpdate();
        }
        history(tx, batchId, status, now, note);
    }

    private Batch lockedRow(Connection tx, long batchId) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("SELECT " + COLUMNS + " FROM sluice_controlshift.batches WHERE id = ? FOR UPDATE")) {
            s.setLong(1, batchId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no batch " + batchId);
                }
                return batch(r);
            }
        }
    }

    private static void history(Connection tx, long batchId, BatchStatus status, Instant at, String note) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO sluice_controlshift.batch_history (batch_id, at, status, note) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, batchId);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, status.name());
            s.setString(4, note);
            s.executeUpdate();
        }
    }

    /** The batch that loaded a full export of {@code table} newer than {@code exportTs}, if any. */
    public Optional<Long> newerFullLoaded(String table, Instant exportTs) throws SQLException {
        try (Connection c = store.open(); PreparedStatement s = c.prepareStatement("""
                SELECT b.id FROM sluice_controlshift.batches b
                JOIN sluice_controlshift.batch_files f ON f.batch_id = b.id
                JOIN sluice_controlshift.events e ON e.id = f.event_id
                WHERE b.cs_table = ? AND b.kind = 'FULL' AND b.status = 'COMPLETE' AND f.status = 'LOADED' AND e.export_ts > ?
                ORDER BY e.export_ts DESC LIMIT 1""")) {
            s.setString(1, table);
            s.setTimestamp(2, Timestamp.from(exportTs));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * The batch other than {@code exceptBatch} that recorded this file LOADED, if any: with the target's
     * ledger saying the file is in, it tells "another batch loaded it" from "an attempt of this batch did,
     * then died before recording it".
     */
    public Optional<Long> loadedBy(long eventId, long exceptBatch) throws SQLException {
        try (Connection c = store.open(); PreparedStatement s = c.prepareStatement("""
                SELECT batch_id FROM sluice_controlshift.batch_files
                WHERE event_id = ? AND batch_id <> ? AND status = 'LOADED' ORDER BY batch_id LIMIT 1""")) {
            s.setLong(1, eventId);
            s.setLong(2, exceptBatch);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Whether some batch is not finished: OPEN, PENDING or LOCKED. */
    public boolean hasUnfinished() throws SQLException {
        return store.exists("SELECT 1 FROM sluice_controlshift.batches WHERE status IN ('OPEN', 'PENDING', 'LOCKED')");
    }

    // ---- reading -------------------------------------------------------------------------------------

    public Optional<Batch> get(long batchId) throws SQLException {
        try (Connection c = store.open()) {
            return get(c, batchId);
        }
    }

    private static Optional<Batch> get(Connection c, long batchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM sluice_controlshift.batches WHERE id = ?")) {
            s.setLong(1, batchId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(batch(r)) : Optional.empty();
            }
        }
    }

    /** The newest batches first, optionally only those of one status and/or one ControlShift table. */
    public List<Batch> list(BatchStatus status, String table, int limit) throws SQLException {
        try (Connection c = store.open(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM sluice_controlshift.batches WHERE (?::text IS NULL OR status = ?) AND (?::text IS NULL OR cs_table = ?)"
                + " ORDER BY id DESC LIMIT ?")) {
            String st = status == null ? null : status.name();
            s.setString(1, st);
            s.setString(2, st);
            s.setString(3, table);
            s.setString(4, table);
            s.setInt(5, limit);
            List<Batch> batches = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    batches.add(batch(r));
                }
            }
            return batches;
        }
    }

    public List<BatchFile> files(long batchId) throws SQLException {
        try (Connection c = store.open(); PreparedStatement s = c.prepareStatement("""
                SELECT f.event_id, e.file_key, e.local_path, e.export_ts, e.csv_bytes, f.status, f.rows, f.error
                FROM sluice_controlshift.batch_files f JOIN sluice_controlshift.events e ON e.id = f.event_id
                WHERE f.batch_id = ? ORDER BY f.position""")) {
            s.setLong(1, batchId);
            List<BatchFile> files = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String path = r.getString("local_path");
                    files.add(new BatchFile(r.getLong("event_id"), r.getString("file_key"), path == null ? null : Path.of(path),
                            instant(r, "export_ts"), r.getLong("csv_bytes"), FileStatus.valueOf(r.getString("status")),
                            (Long) r.getObject("rows"), r.getString("error")));
                }
            }
            return files;
        }
    }

    public List<HistoryEntry> history(long batchId) throws SQLException {
        try (Connection c = store.open(); PreparedStatement s = c.prepareStatement(
                "SELECT at, status, note FROM sluice_controlshift.batch_history WHERE batch_id = ? ORDER BY id")) {
            s.setLong(1, batchId);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new HistoryEntry(r.getTimestamp(1).toInstant(), BatchStatus.valueOf(r.getString(2)), r.getString(3)));
                }
            }
            return entries;
        }
    }

    private static Batch batch(ResultSet r) throws SQLException {
        return new Batch(r.getLong("id"), r.getString("cs_table"), ExportKind.valueOf(r.getString("kind")),
                BatchStatus.valueOf(r.getString("status")), r.getInt("file_count"), r.getLong("csv_bytes"),
                instant(r, "created_at"), instant(r, "first_file_at"), instant(r, "closed_at"), instant(r, "locked_at"),
                instant(r, "finished_at"), instant(r, "updated_at"), r.getInt("attempts"), r.getString("lease_owner"),
                instant(r, "lease_until"), r.getString("target"), (Long) r.getObject("rows_loaded"),
                (Long) r.getObject("rows_rejected"), r.getString("error"), (Long) r.getObject("reprocess_of"),
                (Long) r.getObject("reprocessed_as"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
