package dev.sluice.postgres.load;

import java.util.List;
import java.util.Objects;

/**
 * What to load, where and how.
 *
 * @param table   the target; created from this definition when it does not exist, otherwise the
 *                database's own definition wins and this one only supplies types for added columns
 * @param mode    FULL replaces the table, INCREMENTAL upserts by {@link TableDef#key()}, APPEND inserts
 * @param files   the files, in any order (they are applied by export time, then in the given order)
 * @param drift   what to do with header columns the table lacks
 * @param options bad-row policy and full-refresh safety checks
 */
public record LoadRequest(TableDef table, LoadMode mode, List<LoadFile> files, DriftPolicy drift, LoadOptions options) {
    public LoadRequest {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(options, "options");
        files = List.copyOf(files);
        if (mode == LoadMode.INCREMENTAL && table.key().isEmpty()) {
            throw new IllegalArgumentException("an incremental load of " + table.name() + " needs a key (e.g. id)");
        }
    }

    /** With the default options: a bad row fails the load, and a FULL may not empty the table. */
    public LoadRequest(TableDef table, LoadMode mode, List<LoadFile> files, DriftPolicy drift) {
        this(table, mode, files, drift, LoadOptions.defaults());
    }
}
