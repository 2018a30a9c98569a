package dev.sluice.postgres.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ledger.JdbcLedger;
import dev.sluice.core.ledger.JdbcLedgerContractTest;
import dev.sluice.testkit.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ledger contract (jobs, checkpoints, claims, racing claimants) against a real PostgreSQL. */
class PostgresLedgerTest extends JdbcLedgerContractTest {
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    @Override
    protected JdbcLedger open() {
        return PostgresLedger.open(pg.jdbcUrl(), Map.of());
    }

    @Test
    void keepsItsTablesInTheirOwnSchemaAndNeverPrintsThePassword() throws Exception {
        try (JdbcLedger ledger = open()) {
            assertThat(ledger.recent(5)).isEmpty();
        }
        try (var c = pg.connect(); var rs = c.createStatement().executeQuery(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('jobs', 'claims')")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).isEqualTo("sluice");
            }
        }
        assertThat(PostgresLedger.withoutSecrets("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }
}
