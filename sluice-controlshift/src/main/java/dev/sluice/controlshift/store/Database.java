package dev.sluice.controlshift.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens connections to one database. The JDBC URL may carry a password, so it is never printed: an
 * instance's {@code toString} names only the database kind.
 */
@FunctionalInterface
public interface Database {
    Connection open() throws SQLException;

    static Database of(String jdbcUrl) {
        return new Database() {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(jdbcUrl);
            }

            @Override
            public String toString() {
                return "database " + jdbcUrl.replaceAll("^(jdbc:[^:]+):.*$", "$1");
            }
        };
    }

    /** Runs {@code work} in one transaction and commits it; rolls back when it throws. */
    default <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Whether {@code query} (no parameters) returns a row. */
    default boolean exists(String query) throws SQLException {
        try (Connection c = open(); java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(query)) {
            return r.next();
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection tx) throws SQLException;
    }
}
