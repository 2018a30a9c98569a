package dev.sluice.postgres.ledger;

import dev.sluice.core.ledger.JdbcLedger;
import dev.sluice.core.ledger.LedgerException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The ledger in PostgreSQL, for several {@code sluice serve} instances (or machines) that must agree on
 * which files are imported and claimed. The tables live in their own schema ({@code sluice} unless the
 * URL's {@code currentSchema} says otherwise) so they never mix with a warehouse's tables. Every write
 * commits on return (auto-commit), so a killed process loses nothing it reported.
 */
public final class PostgresLedger extends JdbcLedger {
    public static final String DEFAULT_SCHEMA = "sluice";

    private PostgresLedger(Connection db, String where) {
        super(db, where);
    }

    /**
     * Opens (creating the schema and tables if needed) the ledger at a JDBC URL such as
     * {@code jdbc:postgresql://db:5432/sluice}; user and password come from the URL or from
     * {@code PGUSER}/{@code PGPASSWORD} in {@code env}.
     */
    public static PostgresLedger open(String jdbcUrl, java.util.Map<String, String> env) {
        String where = withoutSecrets(jdbcUrl);
        try {
            Properties props = new Properties();
            putIfSet(props, "user", env.get("PGUSER"));
            putIfSet(props, "password", env.get("PGPASSWORD"));
            Connection db = DriverManager.getConnection(jdbcUrl, props);
            try (Statement s = db.createStatement()) {
                // one transaction with a lock, so two instances starting at once do not race on CREATE
                db.setAutoCommit(false);
                s.execute("SELECT pg_advisory_xact_lock(7406391)");
                s.execute("CREATE SCHEMA IF NOT EXISTS " + DEFAULT_SCHEMA);
                s.execute("SET LOCAL search_path TO " + DEFAULT_SCHEMA);
                createTables(db, "BIGSERIAL PRIMARY KEY");
                db.commit();
                db.setAutoCommit(true);
                s.execute("SET search_path TO " + DEFAULT_SCHEMA);
            }
            return new PostgresLedger(db, where);
        } catch (SQLException e) {
            throw new LedgerException("cannot open the ledger at " + where + ": " + e.getMessage(), e);
        }
    }

    /** The URL as it may be printed: no password parameter. */
    static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static void putIfSet(Properties props, String name, String value) {
        if (value != null && !value.isBlank()) {
            props.setProperty(name, value);
        }
    }
}
