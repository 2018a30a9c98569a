package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServersTest {
    @RegisterExtension
    static final SqsServer SQS = new SqsServer();
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    @Test
    void postgresGivesEachTestItsOwnDatabase() throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int)");
            s.execute("INSERT INTO t VALUES (1), (2)");
            ResultSet rs = s.executeQuery("SELECT count(*), current_database() FROM t");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo(pg.database());
        }
    }

    @Test
    void sqsSendsAndReceives() {
        String url = SQS.newQueue("probe");
        SQS.client().sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        var messages = SQS.client().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();
        assertThat(messages).extracting(m -> m.body()).containsExactly("hello");
    }
}
