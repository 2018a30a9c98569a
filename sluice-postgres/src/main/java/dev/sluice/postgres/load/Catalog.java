package dev.sluice.postgres.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the target database says about a table, and the DDL that creates or widens one. */
public final class Catalog {
    private Catalog() {
    }

    /** The table's columns in table order, or empty when it does not exist. */
    static List<TargetColumn> columns(Connection c, TableRef table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.atthasdef
                FROM pg_attribute a
                WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            s.setString(1, table.sql());
            List<TargetColumn> columns = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(new TargetColumn(r.getString(1), r.getString(2), r.getBoolean(3), r.getBoolean(4)));
                }
            }
            return columns;
        }
    }

    /**
     * The definition of an existing table as the database has it, for callers with no catalog of their
     * own ({@code sluice import --to postgres}); the key is given by the caller.
     */
    public static Optional<TableDef> describe(Connection c, TableRef table, List<String> key) throws SQLException {
        List<TargetColumn> columns = columns(c, table);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableDef(table.schema(), table.name(),
                columns.stream().map(t -> new ColumnDef(t.name(), t.sqlType(), t.nullable())).toList(), key));
    }

    /**
     * Creates the table (and its schema) from a definition, with a unique index on the key so that
     * incremental loads can upsert. {@code hstore} becomes {@code text} when the extension is absent.
     */
    static void create(Connection c, TableDef def) throws SQLException {
        TableRef table = TableRef.of(def);
        boolean hstore = typeExists(c, "hstore");
        List<String> columns = new ArrayList<>();
        for (ColumnDef col : def.columns()) {
            columns.add(Sql.ident(col.name()) + " " + usableType(col.sqlType(), hstore) + (col.nullable() ? "" : " NOT NULL"));
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(table.schema()));
            s.execute("CREATE TABLE " + table.sql() + " (" + String.join(", ", columns) + ")");
            if (!def.key().isEmpty()) {
                s.execute("CREATE UNIQUE INDEX ON " + table.sql() + " (" + Sql.idents(def.key()) + ")");
            }
        }
    }

    static String usableType(String sqlType, boolean hstoreInstalled) {
        return sqlType.equalsIgnoreCase("hstore") && !hstoreInstalled ? "text" : sqlType;
    }

    static boolean typeExists(Connection c, String type) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regtype(?) IS NOT NULL")) {
            s.setString(1, type);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    static void addColumn(Connection c, TableRef table, String name, String sqlType) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table.sql() + " ADD COLUMN " + Sql.ident(name) + " " + sqlType);
        }
    }

    /** Whether some unique, non-partial index covers exactly these columns (what ON CONFLICT needs). */
    static boolean hasUniqueIndexOn(Connection c, TableRef table, List<String> key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT array_agg(a.attname::text)
                FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
                GROUP BY i.indexrelid""")) {
            s.setString(1, table.sql());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Set<String> columns = new HashSet<>(List.of((String[]) r.getArray(1).getArray()));
                    if (columns.equals(new HashSet<>(key))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static long count(Connection c, TableRef table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table.sql())) {
            r.next();
            return r.getLong(1);
        }
    }
}
