package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlshift.ExportKind;
import dev.sluice.controlshift.batch.BatchRules;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.BatchStore;
import dev.sluice.controlshift.store.Database;
import dev.sluice.controlshift.store.EventStatus;
import dev.sluice.controlshift.store.EventStore;
import dev.sluice.controlshift.store.StoreSchema;
import dev.sluice.controlshift.store.StoredEvent;
import dev.sluice.controlshift.webhook.ControlShiftWebhook;
import dev.sluice.testkit.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sluice batches} against a real PostgreSQL batch store. */
class BatchesCommandTest {
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    private Map<String, String> env;
    private BatchStore store;
    private EventStore events;

    @BeforeEach
    void start() throws Exception {
        env = Map.of(BatchesCommand.URL_VARIABLE, pg.jdbcUrl());
        Database db = Database.of(pg.jdbcUrl());
        StoreSchema.ensureStore(db);
        events = new EventStore(db);
        store = new BatchStore(db, BatchRules.defaults());
    }

    @Test
    void listAndShowDescribeTheBatches() throws Exception {
        long expired = failedBatch("petitions", "expired: HTTP 403: the pre-signed URL has expired");
        long held = heldBatch("signatures");

        CliHarness.Result list = CliHarness.run(env, "batches", "list");
        CliHarness.Result onlyErrors = CliHarness.run(env, "batches", "list", "--status", "ERROR");
        CliHarness.Result show = CliHarness.run(env, "batches", "show", String.valueOf(expired));

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("\\s" + expired + "\\s+error\\s+full\\s+petitions\\s+1\\s")
                .containsPattern("\\s" + held + "\\s+locked\\s+full\\s+signatures\\s");
        assertThat(onlyErrors.out()).contains("petitions").doesNotContain("signatures");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("batch " + expired + ": error full export of petitions")
                .contains("missing").contains("s3://agra-data-exports/default/full/petitions/20241016/petitions_20241016020000.csv")
                .contains("expired: HTTP 403");
    }

    @Test
    void reprocessAndUnlockChangeTheBatchOrSayWhyNot() throws Exception {
        long failed = failedBatch("petitions", "HTTP 404");
        long held = heldBatch("signatures");

        CliHarness.Result reprocess = CliHarness.run(env, "batches", "reprocess", String.valueOf(failed));
        CliHarness.Result again = CliHarness.run(env, "batches", "reprocess", String.valueOf(failed));
        CliHarness.Result unlock = CliHarness.run(env, "batches", "unlock", String.valueOf(held));
        CliHarness.Result unlockAgain = CliHarness.run(env, "batches", "unlock", String.valueOf(held));

        assertThat(reprocess.exitCode()).as(reprocess.toString()).isZero();
        long fresh = store.get(failed).orElseThrow().reprocessedAs();
        assertThat(reprocess.out()).contains("batch " + failed + " reprocessed as batch " + fresh);
        assertThat(store.get(fresh).orElseThrow().status()).isEqualTo(BatchStatus.PENDING);
        assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).contains("is REPROCESSED: only an ERROR or LOCKED batch can be reprocessed");
        assertThat(unlock.exitCode()).as(unlock.toString()).isZero();
        assertThat(store.get(held).orElseThrow().status()).isEqualTo(BatchStatus.PENDING);
        assertThat(unlockAgain.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unlockAgain.err()).contains("PENDING, not LOCKED");
        assertThat(CliHarness.run(env, "batches", "show", String.valueOf(held)).out())
                .contains("unlocked by an operator (was held by worker-x)");
    }

    @Test
    void withoutTheVariableOrAStoreItSaysSo() throws Exception {
        CliHarness.Result noUrl = CliHarness.run(Map.of(), "batches", "list");
        String emptyDb = PostgresServer.jdbcUrl(PostgresServer.newDatabase());
        CliHarness.Result noStore = CliHarness.run(Map.of(BatchesCommand.URL_VARIABLE, emptyDb), "batches", "list");

        assertThat(noUrl.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noUrl.err()).contains("SLUICE_POSTGRES_URL is not set");
        assertThat(noStore.exitCode()).isZero();
        assertThat(noStore.out()).contains("No ControlShift batches");
    }

    private long failedBatch(String table, String error) throws Exception {
        StoredEvent event = announced(table);
        return store.addUndownloadable(event, "worker-x", EventStatus.EXPIRED, error, Instant.now()).orElseThrow();
    }

    private long heldBatch(String table) throws Exception {
        StoredEvent event = announced(table);
        store.addDownloaded(event, "worker-x", Path.of("/tmp/none.csv"), 10, 10, Instant.now()).orElseThrow();
        return store.lockNext("worker-x", Instant.now()).orElseThrow().batch().id();
    }

    /** Through the real webhook, as ControlShift would announce it; then claimed as a worker would. */
    private StoredEvent announced(String table) throws Exception {
        String path = "/default/full/" + table + "/20241016/" + table + "_20241016020000.csv";
        String payload = "{\"type\":\"" + ExportKind.FULL.webhookType() + "\",\"jid\":\"" + table + "\",\"data\":{\"table\":\""
                + table + "\",\"url\":\"https://agra-data-exports.s3.amazonaws.com" + path + "?Expires=1\"}}";
        int status = new ControlShiftWebhook(events, Optional.empty(), Clock.systemUTC())
                .receive(Map.of(), payload.getBytes(StandardCharsets.UTF_8)).status();
        assertThat(status).isEqualTo(200);
        return events.claimDue("worker-x", Instant.now().plusSeconds(1), Duration.ofMinutes(5)).orElseThrow();
    }
}
