package dev.sluice.postgres.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cell checks against PostgreSQL itself: for each value, the check accepts it exactly when
 * PostgreSQL's input function does — except the few formats Sluice refuses on purpose because their
 * meaning depends on session settings (listed, and checked to be refused).
 */
class CellCheckTest {
    private static final Map<String, List<String>> VALUES = Map.of(
            "integer", List.of("0", "-2147483648", "2147483647", "2147483648", " 42 ", "+7", "4.0", "1e3", "x", "-", "0x1F"),
            "bigint", List.of("9223372036854775807", "-9223372036854775808", "9223372036854775808", "12a"),
            "smallint", List.of("32767", "32768", "-32768"),
            "numeric(3,2)", List.of("9.99", "9.995", "10", "-9.994", "0.001", "1e0", "NaN", ".5", "5.", "abc", "Infinity"),
            "numeric(13,10)", List.of("151.2092955000", "-33.86881970001", "1234.5"),
            "double precision", List.of("1.5e300", "NaN", "-Infinity", "inf", "1,5", "1e"),
            "boolean", List.of("t", "TRUE", "yes", "on", "of", "o", "1", "0", "no", "n", "tr", "maybe", "2"),
            "timestamp without time zone", List.of("2024-10-16 12:00:00", "2024-10-16T12:00:00.123456", "2024-10-16",
                    "2024-02-29 00:00:00", "2023-02-29 00:00:00", "2024-10-16 24:00:00", "2024-10-16 25:00:00",
                    "2024-10-16 12:00:00+02", "2024-10-16 12:00:00 UTC", "infinity", "2024-13-01", "yesterday-ish"),
            "uuid", List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{a0eebc999c0b4ef8bb6d6bb9bd380a11}",
                    "a0eebc999c0b4ef8bb6d6bb9bd380a1", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            "character varying(3)", List.of("abc", "abcd", "ab   ", "äöü", "äöüx"));

    /** Accepted by PostgreSQL, refused by Sluice on purpose: their reading depends on DateStyle or extensions. */
    private static final List<String> REFUSED_ON_PURPOSE = List.of("timestamp without time zone:yesterday-ish");

    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    @Test
    void checksAgreeWithPostgresInputFunctions() throws SQLException {
        List<String> disagreements = new ArrayList<>();
        try (Connection c = pg.connect()) {
            c.setAutoCommit(false);
            for (Map.Entry<String, List<String>> type : VALUES.entrySet()) {
                CellCheck check = CellCheck.forType(type.getKey());
                for (String value : type.getValue()) {
                    boolean postgres = accepts(c, type.getKey(), value);
                    boolean sluice = check.problem(value) == null;
                    String id = type.getKey() + ":" + value;
                    if (postgres != sluice && !(REFUSED_ON_PURPOSE.contains(id) && postgres)) {
                        disagreements.add(id + " postgres=" + postgres + " sluice=" + sluice);
                    }
                }
            }
            c.rollback();
        }
        assertThat(disagreements).isEmpty();
    }

    /** As COPY does: the column type's input function on the text, no explicit cast (which would truncate). */
    private static boolean accepts(Connection c, String type, String value) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try (java.sql.Statement ddl = c.createStatement();
             PreparedStatement s = c.prepareStatement("INSERT INTO probe (v) VALUES (?)")) {
            ddl.execute("CREATE TEMP TABLE probe (v " + type + ")");
            s.setObject(1, value, java.sql.Types.OTHER);
            s.executeUpdate();
            c.rollback(savepoint);
            return true;
        } catch (SQLException e) {
            c.rollback(savepoint);
            return false;
        }
    }
}
