package dev.sluice.postgres.load;

/** How a file changes its table. */
public enum LoadMode {
    /** The file is the whole table: loaded into staging, then swapped in atomically. */
    FULL,
    /** The file holds changed rows: deduplicated by key, then upserted. */
    INCREMENTAL,
    /** Rows are inserted as they are (no key, no dedupe). */
    APPEND
}
