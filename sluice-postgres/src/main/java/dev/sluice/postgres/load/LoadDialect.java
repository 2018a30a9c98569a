package dev.sluice.postgres.load;

import java.util.List;

/**
 * The SQL that differs between PostgreSQL and Redshift in one load flow (stage, copy, dedupe and
 * upsert, swap). Everything else — the ledger, the FULL/INCREMENTAL rules, the journal — is the same
 * SQL for both.
 */
public interface LoadDialect {

    /** Deduplicates the source rows by key and upserts them into the target. */
    List<String> upsert(Upsert upsert);

    /**
     * Makes the stage the target in the current transaction: the old table is renamed to
     * {@code retiredName} (and kept until a later load drops it, so a reader waiting on it never fails).
     */
    List<String> swap(TableRef target, TableRef stage, String retiredName);

    /**
     * Replaces the target's rows with the stage's in place (for a table with views, triggers or foreign
     * keys that a swap would leave behind). Readers see the old rows until commit.
     */
    default List<String> replaceInPlace(TableRef target, TableRef stage, List<String> columns) {
        String cols = Sql.idents(columns);
        return List.of("DELETE FROM " + target.sql(),
                "INSERT INTO " + target.sql() + " (" + cols + ") SELECT " + cols + " FROM " + stage.sql(),
                "DROP TABLE " + stage.sql());
    }
}
