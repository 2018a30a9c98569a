package dev.sluice.postgres.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL side of a FULL refresh around the dialect's renames: the stage gets the target's
 * indexes (built after the COPY, which is faster than maintaining them row by row), constraints,
 * grants and serial sequences, then takes the target's name in the caller's transaction. Readers keep
 * reading the old table until the commit and the new one after it; the old table is retired, not
 * dropped, so a reader queued behind the swap's lock never fails on a vanished relation.
 *
 * <p>A table something else is bound to by OID — a view, a rule, a trigger, a foreign key either way,
 * a row-security policy — is not swapped: its rows are replaced in place (DELETE + INSERT … SELECT in
 * the same transaction), which readers also see atomically.
 */
final class FullSwap {
    private final Connection c;
    private final LoadDialect dialect;
    private final TableRef target;
    private final TableRef stage;

    /** An index of the target: its name, its definition, and the constraint it backs (or null). */
    private record Index(String name, String definition, String constraint) {
    }

    FullSwap(Connection c, LoadDialect dialect, TableRef target, TableRef stage) {
        this.c = c;
        this.dialect = dialect;
        this.target = target;
        this.stage = stage;
    }

    /** Creates the empty stage with the target's columns, defaults, checks and storage, no indexes yet. */
    void createStage() throws SQLException {
        execute("CREATE TABLE " + stage.sql() + " (LIKE " + target.sql() + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                + " INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS)");
    }

    /**
     * Builds the target's indexes and unique/primary-key constraints on the loaded stage, under temporary
     * names, and gathers statistics on the key columns.
     *
     * <p>Only the key is analyzed here: lookups and joins on it plan well right after the swap, while a
     * whole-table ANALYZE of a wide export cost 0.6 s of a 7 s FULL load (1M rows × 49 columns). The
     * table's other columns are analyzed by autovacuum soon after, as the load counts every row as
     * inserted.
     */
    List<String[]> buildIndexes(List<String> key) throws SQLException {
        List<String[]> renames = new ArrayList<>();
        int n = 0;
        for (Index index : indexes()) {
            String temporary = stage.name() + "_ix" + (n++);
            if (index.constraint() != null) {
                execute("ALTER TABLE " + stage.sql() + " ADD CONSTRAINT " + Sql.ident(temporary) + " " + index.constraint());
            } else {
                execute(retarget(index.definition(), temporary));
            }
            renames.add(new String[] {index.name(), temporary});
        }
        if (!key.isEmpty()) {
            execute("ANALYZE " + stage.sql() + " (" + Sql.idents(key) + ")");
        }
        return renames;
    }

    /** True when the target can be swapped; false when something bound to it needs an in-place replace. */
    boolean swappable() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                               WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = to_regclass(?)
                                 AND r.ev_class <> d.refobjid)
                    OR EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal)
                    OR EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f'
                               AND (conrelid = to_regclass(?) OR confrelid = to_regclass(?)))
                    OR EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = to_regclass(?))""")) {
            for (int i = 1; i <= 5; i++) {
                s.setString(i, target.sql());
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return !r.getBoolean(1);
            }
        }
    }

    /** Swaps the stage in: sequences and grants carried over, index names restored, old table retired. */
    void swap(List<String[]> indexRenames) throws SQLException {
        // the table lock first, before any catalog row of the target changes: an autovacuum working on
        // the target is then cancelled for us instead of deadlocking with our index renames
        execute("LOCK TABLE " + target.sql() + " IN ACCESS EXCLUSIVE MODE");
        long oid = oid(target);
        carrySequences();
        carryGrants();
        int n = 0;
        for (String[] rename : indexRenames) {
            execute("ALTER INDEX " + target.renamed(rename[0]).sql() + " RENAME TO "
                    + Sql.ident(LoadState.retiredName(target, oid) + "_ix" + (n++)));
        }
        for (String sql : dialect.swap(target, stage, LoadState.retiredName(target, oid))) {
            execute(sql);
        }
        for (String[] rename : indexRenames) {
            execute("ALTER INDEX " + target.renamed(rename[1]).sql() + " RENAME TO " + Sql.ident(rename[0]));
        }
    }

    void replaceInPlace(List<String> columns) throws SQLException {
        for (String sql : dialect.replaceInPlace(target, stage, columns)) {
            execute(sql);
        }
    }

    private List<Index> indexes() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT ic.relname, pg_get_indexdef(i.indexrelid), pg_get_constraintdef(con.oid)
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                           AND con.contype IN ('p', 'u', 'x')
                WHERE i.indrelid = to_regclass(?)
                ORDER BY ic.relname""")) {
            s.setString(1, target.sql());
            List<Index> list = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(new Index(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
            return list;
        }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX name ON [ONLY] table USING …} → the same index on the stage. The
     * format is pg_get_indexdef's own; only the part before {@code USING} changes.
     */
    private String retarget(String definition, String newName) {
        int using = definition.indexOf(" USING ");
        String head = definition.startsWith("CREATE UNIQUE INDEX ") ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
        return head + Sql.ident(newName) + " ON " + stage.sql() + definition.substring(using);
    }

    /** Serial columns' sequences belong to the table; hand them to the stage so retiring the old one keeps them. */
    private void carrySequences() throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT d.objid::regclass::text, a.attname, d.deptype
                FROM pg_depend d
                JOIN pg_class seq ON seq.oid = d.objid AND seq.relkind = 'S'
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_class'::regclass AND d.refobjid = to_regclass(?) AND d.deptype IN ('a', 'i')""")) {
            s.setString(1, target.sql());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String sequence = r.getString(1);
                    String column = Sql.ident(r.getString(2));
                    if (r.getString(3).equals("a")) {
                        statements.add("ALTER SEQUENCE " + sequence + " OWNED BY " + stage.sql() + "." + column);
                    } else {
                        // an identity column got a fresh sequence from LIKE: continue where the old one was
                        statements.add("SELECT setval(pg_get_serial_sequence(" + Sql.literal(stage.sql()) + ", "
                                + Sql.literal(r.getString(2)) + "), last_value, is_called) FROM " + sequence);
                    }
                }
            }
        }
        for (String sql : statements) {
            execute(sql);
        }
    }

    private void carryGrants() throws SQLException {
        List<String> grants = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END,
                       a.is_grantable
                FROM pg_class t, aclexplode(t.relacl) a
                LEFT JOIN pg_roles r ON r.oid = a.grantee
                WHERE t.oid = to_regclass(?) AND a.grantee <> t.relowner""")) {
            s.setString(1, target.sql());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    grants.add("GRANT " + r.getString(1) + " ON " + stage.sql() + " TO " + r.getString(2)
                            + (r.getBoolean(3) ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        for (String sql : grants) {
            execute(sql);
        }
    }

    private long oid(TableRef table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            s.setString(1, table.sql());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
