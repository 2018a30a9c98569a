package dev.sluice.postgres.load;

/** What to do when a file's header names a column the table does not have. */
public enum DriftPolicy {
    /** Add it as a nullable column (the catalog's type when it knows the column, else {@code text}). */
    ADD_COLUMN,
    /** Refuse the file before anything is loaded, naming the columns. */
    FAIL
}
