package dev.sluice.controlshift.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the batch store's tables (PostgreSQL) when missing. */
public final class StoreSchema {
    /** Any constant: serialises concurrent start-ups, as CREATE ... IF NOT EXISTS alone can race in PostgreSQL. */
    private static final long MIGRATION_LOCK = 0x51_C0_47_05L;

    private StoreSchema() {
    }

    public static void ensureStore(Database store) throws SQLException {
        store.inTransaction(tx -> {
            try (Statement s = tx.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            }
            run(tx, "schema.sql");
            return null;
        });
    }

    private static void run(Connection tx, String resource) throws SQLException {
        try (Statement s = tx.createStatement()) {
            for (String statement : statements(resource)) {
                s.execute(statement);
            }
        }
    }

    private static String[] statements(String resource) {
        try (InputStream in = StoreSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
            return java.util.Arrays.stream(sql.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
