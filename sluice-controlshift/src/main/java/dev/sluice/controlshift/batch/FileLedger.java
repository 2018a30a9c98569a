package dev.sluice.controlshift.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The once-only ledger: {@code sluice_controlshift.loaded_files} in the target database, one row per
 * loaded file, written in the transaction that loads the file's rows. A file in the ledger is in the
 * table, and the other way round, whatever crashes between that commit and the batch's status update.
 * Plain SQL that Redshift runs too.
 */
final class FileLedger {
    private FileLedger() {
    }

    /** The files among {@code keys} already loaded, with the batch that loaded each. */
    static Map<String, Long> loadedAmong(Connection c, Collection<String> keys) throws SQLException {
        Map<String, Long> loaded = new HashMap<>();
        if (keys.isEmpty()) {
            return loaded;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
        try (PreparedStatement s = c.prepareStatement(
                "SELECT file_key, batch_id FROM sluice_controlshift.loaded_files WHERE file_key IN (" + marks + ")")) {
            int i = 1;
            for (String key : keys) {
                s.setString(i++, key);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    loaded.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return loaded;
    }

    /**
     * Inserted before the rows themselves: in PostgreSQL a second loader of the same file then waits on
     * the primary key right away and fails once the first commits, instead of loading the rows twice.
     */
    static void record(Connection tx, List<String> keys, long batchId, String table, String target, Instant now) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("""
                INSERT INTO sluice_controlshift.loaded_files (file_key, batch_id, cs_table, target, loaded_at)
                VALUES (?, ?, ?, ?, ?)""")) {
            for (String key : keys) {
                s.setString(1, key);
                s.setLong(2, batchId);
                s.setString(3, table);
                s.setString(4, target);
                s.setTimestamp(5, Timestamp.from(now));
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
