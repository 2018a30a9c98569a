package dev.sluice.core.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ledger in a SQL database, reached through one JDBC connection (SQLite on one machine, PostgreSQL
 * when several instances share it). The statements are plain SQL both understand; the subclasses only
 * open the connection and create the tables. One connection, serialised: the engine writes from a single
 * committer thread, and claims are single atomic statements, so nothing here needs a transaction.
 */
public abstract class JdbcLedger implements Ledger, ClaimStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    /** The tables, with {@code %ID%} standing for the dialect's auto-numbered primary key. */
    protected static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS jobs (
              id %ID%,
              job_key TEXT NOT NULL,
              source TEXT NOT NULL,
              source_version TEXT NOT NULL,
              destination TEXT NOT NULL,
              status TEXT NOT NULL,
              header TEXT,
              checkpoint_offset BIGINT NOT NULL,
              checkpoint_line BIGINT NOT NULL,
              rows_read BIGINT NOT NULL,
              accepted BIGINT NOT NULL,
              rejected BIGINT NOT NULL,
              skipped BIGINT NOT NULL,
              requests BIGINT NOT NULL,
              retries BIGINT NOT NULL,
              rejects_file TEXT,
              rejects_length BIGINT NOT NULL,
              started_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              error TEXT
            );
            CREATE INDEX IF NOT EXISTS jobs_by_key ON jobs (job_key, id);
            CREATE TABLE IF NOT EXISTS claims (
              claim_key TEXT PRIMARY KEY,
              owner TEXT NOT NULL,
              state TEXT NOT NULL,
              expires_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL
            );
            """;

    private static final String HELD = "HELD";
    private static final String FREE = "FREE";
    private static final String DONE = "DONE";

    private final Connection db;
    private final String where;

    /** {@code where} names the database in messages (a folder, or a URL without its password). */
    protected JdbcLedger(Connection db, String where) {
        this.db = db;
        this.where = where;
    }

    /** Runs each statement of {@link #SCHEMA} with the dialect's primary key. */
    protected static void createTables(Connection db, String idColumn) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String statement : SCHEMA.replace("%ID%", idColumn).split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    /** Where this ledger lives, for messages. */
    public String where() {
        return where;
    }

    @Override
    public synchronized Optional<JobRecord> latest(String key) {
        return query("SELECT * FROM jobs WHERE job_key = ? ORDER BY id DESC LIMIT 1", key).stream().findFirst();
    }

    @Override
    public synchronized List<JobRecord> recent(int limit) {
        return query("SELECT * FROM jobs ORDER BY id DESC LIMIT ?", limit);
    }

    @Override
    public synchronized JobRecord start(NewJob job) {
        long now = System.currentTimeMillis();
        Checkpoint cp = job.start();
        String sql = """
                INSERT INTO jobs (job_key, source, source_version, destination, status, header, checkpoint_offset,
                  checkpoint_line, rows_read, accepted, rejected, skipped, requests, retries, rejects_file,
                  rejects_length, started_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (PreparedStatement ps = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, job.key());
            ps.setString(2, job.source());
            ps.setString(3, job.sourceVersion());
            ps.setString(4, job.destination());
            ps.setString(5, JobStatus.RUNNING.name());
            ps.setString(6, headerJson(job.header()));
            bindCheckpoint(ps, 7, cp);
            ps.setString(15, job.rejectsFile());
            ps.setLong(16, cp.rejectsLength());
            ps.setLong(17, now);
            ps.setLong(18, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return query("SELECT * FROM jobs WHERE id = ?", id).get(0);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot record a new job: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void header(long jobId, List<String> header) {
        update("UPDATE jobs SET header = ?, updated_at = ? WHERE id = ?", headerJson(header), System.currentTimeMillis(), jobId);
    }

    @Override
    public synchronized void checkpoint(long jobId, Checkpoint cp) {
        String sql = """
                UPDATE jobs SET checkpoint_offset = ?, checkpoint_line = ?, rows_read = ?, accepted = ?, rejected = ?,
                  skipped = ?, requests = ?, retries = ?, rejects_length = ?, updated_at = ? WHERE id = ?""";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            bindCheckpoint(ps, 1, cp);
            ps.setLong(9, cp.rejectsLength());
            ps.setLong(10, System.currentTimeMillis());
            ps.setLong(11, jobId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot save the checkpoint of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void finish(long jobId, JobStatus status, Checkpoint cp, String error) {
        checkpoint(jobId, cp);
        update("UPDATE jobs SET status = ?, error = ?, updated_at = ? WHERE id = ?",
                status.name(), error, System.currentTimeMillis(), jobId);
    }

    @Override
    public synchronized void resume(long jobId) {
        update("UPDATE jobs SET status = ?, error = NULL, updated_at = ? WHERE id = ?",
                JobStatus.RUNNING.name(), System.currentTimeMillis(), jobId);
    }

    @Override
    public synchronized ClaimResult claim(String key, String owner, Duration lease) {
        long now = System.currentTimeMillis();
        long until = now + lease.toMillis();
        int inserted = update("INSERT INTO claims (claim_key, owner, state, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (claim_key) DO NOTHING", key, owner, HELD, until, now);
        if (inserted == 1) {
            return ClaimResult.TAKEN;
        }
        // Free, expired (its owner died) or already ours: one statement, so two claimants cannot both win.
        int taken = update("UPDATE claims SET owner = ?, state = ?, expires_at = ?, updated_at = ? WHERE claim_key = ?"
                + " AND state <> ? AND (state = ? OR expires_at < ? OR owner = ?)",
                owner, HELD, until, now, key, DONE, FREE, now, owner);
        if (taken == 1) {
            return ClaimResult.TAKEN;
        }
        String state = claimState(key);
        return DONE.equals(state) ? ClaimResult.DONE : ClaimResult.HELD_ELSEWHERE;
    }

    @Override
    public synchronized boolean renew(String key, String owner, Duration lease) {
        long now = System.currentTimeMillis();
        return update("UPDATE claims SET expires_at = ?, updated_at = ? WHERE claim_key = ? AND owner = ? AND state = ?",
                now + lease.toMillis(), now, key, owner, HELD) == 1;
    }

    @Override
    public synchronized void release(String key, String owner) {
        update("UPDATE claims SET state = ?, updated_at = ? WHERE claim_key = ? AND owner = ? AND state = ?",
                FREE, System.currentTimeMillis(), key, owner, HELD);
    }

    @Override
    public synchronized void done(String key, String owner) {
        update("UPDATE claims SET state = ?, updated_at = ? WHERE claim_key = ? AND owner = ?",
                DONE, System.currentTimeMillis(), key, owner);
    }

    private String claimState(String key) {
        try (PreparedStatement ps = db.prepareStatement("SELECT state FROM claims WHERE claim_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new LedgerException("cannot close the ledger in " + where + ": " + e.getMessage(), e);
        }
    }

    private static void bindCheckpoint(PreparedStatement ps, int first, Checkpoint cp) throws SQLException {
        Counts c = cp.counts();
        ps.setLong(first, cp.offset());
        ps.setLong(first + 1, cp.line());
        ps.setLong(first + 2, c.read());
        ps.setLong(first + 3, c.accepted());
        ps.setLong(first + 4, c.rejected());
        ps.setLong(first + 5, c.skipped());
        ps.setLong(first + 6, c.requests());
        ps.setLong(first + 7, c.retries());
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("ledger update failed: " + e.getMessage(), e);
        }
    }

    private List<JobRecord> query(String sql, Object... args) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<JobRecord> jobs = new ArrayList<>();
                while (rs.next()) {
                    jobs.add(toJob(rs));
                }
                return jobs;
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger query failed: " + e.getMessage(), e);
        }
    }

    private static JobRecord toJob(ResultSet rs) throws SQLException {
        Counts counts = new Counts(rs.getLong("rows_read"), rs.getLong("accepted"), rs.getLong("rejected"),
                rs.getLong("skipped"), rs.getLong("requests"), rs.getLong("retries"));
        Checkpoint cp = new Checkpoint(rs.getLong("checkpoint_offset"), rs.getLong("checkpoint_line"), counts,
                rs.getLong("rejects_length"));
        return new JobRecord(rs.getLong("id"), rs.getString("job_key"), rs.getString("source"),
                rs.getString("source_version"), rs.getString("destination"), JobStatus.valueOf(rs.getString("status")),
                parseHeader(rs.getString("header")), cp, rs.getString("rejects_file"),
                Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getString("error"));
    }

    private static String headerJson(List<String> header) {
        if (header == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> parseHeader(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (IOException e) {
            throw new LedgerException("the ledger holds a header that is not a JSON list: " + json, e);
        }
    }
}
