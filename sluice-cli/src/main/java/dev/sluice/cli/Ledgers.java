package dev.sluice.cli;

import dev.sluice.core.ledger.JdbcLedger;
import dev.sluice.core.ledger.SqliteLedger;
import dev.sluice.postgres.ledger.PostgresLedger;
import java.nio.file.Path;

/** Opens the ledger a command was pointed at: a shared PostgreSQL one, else the SQLite file in the state folder. */
final class Ledgers {
    private Ledgers() {
    }

    /** @param sharedUrl the pipelines file's {@code ledger:} (a PostgreSQL JDBC URL), or null */
    static JdbcLedger open(Console console, Path state, String sharedUrl) {
        return sharedUrl == null ? SqliteLedger.open(state) : PostgresLedger.open(sharedUrl, console.env());
    }
}
