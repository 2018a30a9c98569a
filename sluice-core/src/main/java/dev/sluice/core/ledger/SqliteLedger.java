package dev.sluice.core.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded ledger: one SQLite file ({@code ledger.db}) in the state directory. WAL journal with
 * synchronous=NORMAL: a committed checkpoint survives a killed process (the OS has the pages); only a
 * power loss can cost the last few, which a resume then sends again. Processes on one machine may share
 * it (SQLite locks the file; the busy timeout waits for the other writer).
 */
public final class SqliteLedger extends JdbcLedger {

    private SqliteLedger(Connection db, String where) {
        super(db, where);
    }

    /** Opens (creating if needed) the ledger in {@code stateDir}. */
    public static SqliteLedger open(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("ledger.db"));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=10000");
            }
            createTables(db, "INTEGER PRIMARY KEY AUTOINCREMENT");
            return new SqliteLedger(db, stateDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + stateDir, e);
        } catch (SQLException e) {
            throw new LedgerException("cannot open the ledger in " + stateDir + ": " + e.getMessage(), e);
        }
    }
}
