package dev.sluice.postgres.load;

import java.util.List;

/**
 * A target table: its columns in the table's order (which may differ from a file's header order) and
 * the key incremental loads upsert on (usually {@code id}; empty for append-only tables).
 */
public record TableDef(String schema, String name, List<ColumnDef> columns, List<String> key) {
    public TableDef {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }
}
