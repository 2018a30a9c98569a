package dev.sluice.controlshift.store;

import dev.sluice.controlshift.ExportKind;
import dev.sluice.controlshift.webhook.ExportEvent;
import java.net.URI;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The durable record of announced files (table {@code sluice_controlshift.events}). */
public final class EventStore {
    private final Database store;

    public EventStore(Database store) {
        this.store = store;
    }

    /**
     * Records a newly announced file and commits; returns false when it is a repeat (same jid, or the same
     * file under a new pre-signed URL), which is then ignored.
     */
    public boolean record(ExportEvent event, Instant receivedAt) throws SQLException {
        return store.inTransaction(tx -> {
            try (PreparedStatement s = tx.prepareStatement("""
                    INSERT INTO sluice_controlshift.events
                        (jid, file_key, kind, cs_table, url, compression, export_ts, export_date, received_at, status, not_before, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                s.setString(1, event.jid());
                s.setString(2, event.fileKey());
                s.setString(3, event.kind().name());
                s.setString(4, event.table());
                s.setString(5, event.url().toString());
                s.setString(6, event.bzip2() ? "bzip2" : "none");
                s.setTimestamp(7, event.exportTs() == null ? null : Timestamp.from(event.exportTs()));
                s.setDate(8, event.exportDate() == null ? null : Date.valueOf(event.exportDate()));
                s.setTimestamp(9, Timestamp.from(receivedAt));
                s.setTimestamp(10, Timestamp.from(receivedAt));
                s.setString(11, event.payload());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Whether some announced file still waits for a download (or its retry). */
    public boolean hasUndownloaded() throws SQLException {
        return store.exists("SELECT 1 FROM sluice_controlshift.events WHERE status IN ('PENDING', 'DOWNLOADING')");
    }

    /**
     * Takes the oldest event due for a download, with a lease: another worker may take it once the lease
     * has run out (its holder died mid-download).
     */
    public Optional<StoredEvent> claimDue(String owner, Instant now, Duration lease) throws SQLException {
        return store.inTransaction(tx -> {
            try (PreparedStatement s = tx.prepareStatement("""
                    UPDATE sluice_controlshift.events SET status = 'DOWNLOADING', lease_owner = ?, lease_until = ?,
                           attempts = attempts + 1
                    WHERE id = (SELECT id FROM sluice_controlshift.events
                                WHERE (status = 'PENDING' AND not_before <= ?) OR (status = 'DOWNLOADING' AND lease_until < ?)
                                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id, kind, cs_table, url, file_key, compression, export_ts, received_at, attempts""")) {
                s.setString(1, owner);
                s.setTimestamp(2, Timestamp.from(now.plus(lease)));
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    Timestamp exportTs = r.getTimestamp("export_ts");
                    return Optional.of(new StoredEvent(r.getLong("id"), ExportKind.valueOf(r.getString("kind")),
                            r.getString("cs_table"), URI.create(r.getString("url")), r.getString("file_key"),
                            "bzip2".equals(r.getString("compression")), exportTs == null ? null : exportTs.toInstant(),
                            r.getTimestamp("received_at").toInstant(), r.getInt("attempts")));
                }
            }
        });
    }

    /** A transient failure: the event waits until {@code notBefore} for its next attempt. */
    public void retryLater(long id, String owner, String error, Instant notBefore) throws SQLException {
        store.inTransaction(tx -> {
            try (PreparedStatement s = tx.prepareStatement("""
                    UPDATE sluice_controlshift.events SET status = 'PENDING', not_before = ?, error = ?,
                           lease_owner = NULL, lease_until = NULL
                    WHERE id = ? AND status = 'DOWNLOADING' AND lease_owner = ?""")) {
                s.setTimestamp(1, Timestamp.from(notBefore));
                s.setString(2, error);
                s.setLong(3, id);
                s.setString(4, owner);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Inside the transaction that puts the file into a batch. Returns false when {@code owner} no longer
     * holds the event (its lease ran out and another worker took it): the caller then drops its copy.
     */
    public static boolean markDownloaded(Connection tx, long id, String owner, String localPath, long wireBytes, long csvBytes)
            throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("""
                UPDATE sluice_controlshift.events SET status = 'DOWNLOADED', local_path = ?, wire_bytes = ?, csv_bytes = ?,
                       error = NULL, lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND status = 'DOWNLOADING' AND lease_owner = ?""")) {
            s.setString(1, localPath);
            s.setLong(2, wireBytes);
            s.setLong(3, csvBytes);
            s.setLong(4, id);
            s.setString(5, owner);
            return s.executeUpdate() == 1;
        }
    }

    /** Inside the transaction that records the failed file in a batch; false as for {@link #markDownloaded}. */
    public static boolean markFailed(Connection tx, long id, String owner, EventStatus status, String error) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("""
                UPDATE sluice_controlshift.events SET status = ?, error = ?, lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND status = 'DOWNLOADING' AND lease_owner = ?""")) {
            s.setString(1, status.name());
            s.setString(2, error);
            s.setLong(3, id);
            s.setString(4, owner);
            return s.executeUpdate() == 1;
        }
    }
}
