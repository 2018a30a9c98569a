package dev.sluice.postgres.load;

public interface TableLoader {
    /** Loads the files into the table inside the caller's transaction (tx has autocommit off);
     *  does not commit, so the caller can write its own ledger/batch rows in the same transaction. */
    LoadReport load(java.sql.Connection tx, LoadRequest request) throws java.sql.SQLException, java.io.IOException;
}
