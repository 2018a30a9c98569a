package dev.sluice.dynamodb.sink;

import static dev.sluice.dynamodb.sink.SinkTestKit.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DynamoConfigTest {

    @Test
    void writeModesParseTheirCliNames() {
        assertThat(WriteMode.parse("put")).isEqualTo(WriteMode.PUT);
        assertThat(WriteMode.parse("upsert")).isEqualTo(WriteMode.UPSERT);
        assertThat(WriteMode.parse("insert-only")).isEqualTo(WriteMode.INSERT_ONLY);
        assertThat(WriteMode.parse(" Update-Only ")).isEqualTo(WriteMode.UPDATE_ONLY);
        assertThat(WriteMode.parse("insert_only")).isEqualTo(WriteMode.INSERT_ONLY);
        assertThat(WriteMode.UPDATE_ONLY.cliName()).isEqualTo("update-only");
        assertThatThrownBy(() -> WriteMode.parse("merge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown write mode 'merge': use put, upsert, insert-only or update-only");
        assertThatThrownBy(() -> WriteMode.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreThoseOfTheSpec() {
        DynamoConfig config = DynamoConfig.defaults("orders", ID);
        assertThat(config.table()).isEqualTo("orders");
        assertThat(config.key()).isEqualTo(ID);
        assertThat(config.mode()).isEqualTo(WriteMode.PUT);
        assertThat(config.concurrency()).isEqualTo(8);
        assertThat(config.maxWcuPerSecond()).isNull();
        assertThat(config.maxAttempts()).isEqualTo(10);
        assertThat(config.baseBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withersChangeOneThing() {
        DynamoConfig config = DynamoConfig.defaults("orders", ID)
                .withMode(WriteMode.UPSERT).withConcurrency(3).withMaxWcuPerSecond(500).withMaxAttempts(4)
                .withBackoff(Duration.ofMillis(10), Duration.ofSeconds(1)).withTable("orders2");
        assertThat(config).isEqualTo(new DynamoConfig("orders2", ID, WriteMode.UPSERT, 3, 500, 4,
                Duration.ofMillis(10), Duration.ofSeconds(1)));
        assertThat(config.withMaxWcuPerSecond(null).maxWcuPerSecond()).isNull();
    }

    @Test
    void nonsenseIsRefused() {
        DynamoConfig ok = DynamoConfig.defaults("orders", ID);
        assertThatThrownBy(() -> DynamoConfig.defaults(" ", ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DynamoConfig.defaults("t", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ok.withConcurrency(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withMaxWcuPerSecond(0)).hasMessageContaining("--max-wcu-per-second");
        assertThatThrownBy(() -> ok.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
