package dev.sluice.postgres.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The loader's state, kept in the target database (schema {@code sluice_loads}) and written in the
 * caller's transaction, so it commits or rolls back with the data it describes:
 * <ul>
 *   <li>{@code files}: the once-only ledger, one row per (target, file key) applied or deliberately
 *       not applied; a key already there is never loaded again, even after a crash between the commit
 *       and whatever the caller does next;</li>
 *   <li>{@code tables}: per target, the export time of the last FULL applied; its row is also the lock
 *       that serialises loads of one table;</li>
 *   <li>{@code journal_<hash>}: the rows of incrementals with an export time, kept until a FULL whose
 *       snapshot covers them, so a FULL can re-apply the incrementals newer than itself;</li>
 *   <li>{@code retired_<hash>_<oid>}: tables a FULL swapped out, dropped by a later load once no
 *       reader can still be waiting on them.</li>
 * </ul>
 */
public final class LoadState {
    public static final String SCHEMA = "sluice_loads";

    private final Connection c;

    private LoadState(Connection c) {
        this.c = c;
    }

    /** Opens the state, creating the schema on first use (serialised by an advisory lock). */
    static LoadState open(Connection c) throws SQLException {
        if (!exists(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('sluice_loads'))");
                s.execute("CREATE SCHEMA IF NOT EXISTS sluice_loads");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS sluice_loads.files (
                            target text NOT NULL,
                            file_key text NOT NULL,
                            mode text NOT NULL,
                            export_ts timestamptz,
                            status text NOT NULL,
                            rows_read bigint NOT NULL DEFAULT 0,
                            rows_loaded bigint NOT NULL DEFAULT 0,
                            rows_rejected bigint NOT NULL DEFAULT 0,
                            loaded_at timestamptz NOT NULL DEFAULT now(),
                            PRIMARY KEY (target, file_key))""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS sluice_loads.tables (
                            target text PRIMARY KEY,
                            full_export_ts timestamptz,
                            full_file_key text,
                            full_loaded_at timestamptz)""");
            }
        }
        return new LoadState(c);
    }

    private static boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('sluice_loads.files') IS NOT NULL"
                     + " AND to_regclass('sluice_loads.tables') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    /**
     * Locks the target's state row until the transaction ends (concurrent loads of one table queue
     * here) and returns the export time of the last FULL applied, or null.
     */
    Instant lockTable(TableRef target) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO sluice_loads.tables (target) VALUES (?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, target.toString());
            insert.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT full_export_ts FROM sluice_loads.tables WHERE target = ? FOR UPDATE")) {
            s.setString(1, target.toString());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp ts = r.getTimestamp(1);
                return ts == null ? null : ts.toInstant();
            }
        }
    }

    /**
     * Enters the file in the ledger; false when its key is already there. A concurrent claim of the
     * same key waits for the other transaction and then returns false if it committed.
     */
    boolean claim(TableRef target, LoadFile file, LoadMode mode) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO sluice_loads.files (target, file_key, mode, export_ts, status) VALUES (?, ?, ?, ?, 'LOADING')
                ON CONFLICT DO NOTHING""")) {
            s.setString(1, target.toString());
            s.setString(2, file.key());
            s.setString(3, mode.name());
            s.setTimestamp(4, file.exportTs() == null ? null : Timestamp.from(file.exportTs()));
            return s.executeUpdate() == 1;
        }
    }

    /** Records what became of a claimed file. */
    void record(TableRef target, FileOutcome outcome) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE sluice_loads.files SET status = ?, rows_read = ?, rows_loaded = ?, rows_rejected = ?, loaded_at = now()
                WHERE target = ? AND file_key = ?""")) {
            s.setString(1, outcome.status().name());
            s.setLong(2, outcome.rowsRead());
            s.setLong(3, outcome.rowsLoaded());
            s.setLong(4, outcome.rowsRejected());
            s.setString(5, target.toString());
            s.setString(6, outcome.key());
            s.executeUpdate();
        }
    }

    void fullApplied(TableRef target, LoadFile file) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE sluice_loads.tables SET full_export_ts = coalesce(?, full_export_ts), full_file_key = ?,
                    full_loaded_at = now()
                WHERE target = ?""")) {
            s.setTimestamp(1, file.exportTs() == null ? null : Timestamp.from(file.exportTs()));
            s.setString(2, file.key());
            s.setString(3, target.toString());
            s.executeUpdate();
        }
    }

    /** Where the target's incremental rows are kept until a FULL covers them. */
    public static TableRef journal(TableRef target) {
        return new TableRef(SCHEMA, "journal_" + hash(target));
    }

    /** The name a table swapped out of {@code target} gets until it is dropped. */
    static String retiredName(TableRef target, long oid) {
        return "retired_" + hash(target) + "_" + oid;
    }

    /** Drops the tables earlier FULL loads of this target swapped out (committed before this transaction). */
    void dropRetired(TableRef target) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'sluice_loads' AND tablename LIKE ?")) {
            s.setString(1, "retired\\_" + hash(target) + "\\_%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP TABLE IF EXISTS " + new TableRef(SCHEMA, name).sql());
            }
        }
    }

    private static String hash(TableRef target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(target.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
