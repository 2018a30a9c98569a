package dev.sluice.postgres.load;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Loads CSV files into one table of a PostgreSQL-compatible database. */
public interface TableLoader {

    /**
     * Loads the files into the table inside the caller's transaction ({@code tx} has autocommit off);
     * does not commit, so the caller can write its own ledger/batch rows in the same transaction. The
     * loader's own once-only ledger row for each file is written in that same transaction. When this
     * throws, the transaction is unusable: the caller rolls it back, and nothing of the load remains.
     */
    LoadReport load(Connection tx, LoadRequest request) throws SQLException, IOException;
}
