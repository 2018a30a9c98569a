package dev.sluice.postgres.load;

import java.util.Objects;

/** A schema-qualified table name. */
public record TableRef(String schema, String name) {
    public TableRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static TableRef of(TableDef table) {
        return new TableRef(table.schema() == null ? "public" : table.schema(), table.name());
    }

    /** {@code "schema"."name"}. */
    public String sql() {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    public TableRef renamed(String newName) {
        return new TableRef(schema, newName);
    }

    /** {@code schema.name} unquoted, for messages and ledger rows. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
