package dev.sluice.controlshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchFile;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.FileStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec test cases 27, 28 and 30: a bad file is isolated, a failed batch is reprocessed, each outcome is notified. */
class PoisonFileTest extends PipelineTest {
    private ControlShift pipeline;

    @BeforeEach
    void start() throws Exception {
        fx.with(Fixture.rules(5, Duration.ofHours(1), 1L << 30));
        pipeline = fx.pipeline("worker-1");
    }

    @Test
    void aMalformedFileAmongFiveIsQuarantinedWithItsErrorAndTheOtherFourAreLoaded() throws Exception {
        Batch batch = fiveFilesTheThirdBad();

        assertThat(batch.status()).isEqualTo(BatchStatus.ERROR);
        assertThat(batch.rowsLoaded()).isEqualTo(40);
        assertThat(fx.ids("categories")).hasSize(40).doesNotContain(200L, 201L);
        List<BatchFile> files = pipeline.batches().files(batch.id());
        assertThat(files).extracting(BatchFile::status).containsExactly(FileStatus.LOADED, FileStatus.LOADED,
                FileStatus.QUARANTINED, FileStatus.LOADED, FileStatus.LOADED);
        assertThat(files.get(0).rows()).isEqualTo(10);
        BatchFile bad = files.get(2);
        assertThat(bad.error()).contains("line 3, column id: not an integer: two hundred");
        assertThat(batch.error()).startsWith("1 of 5 files not loaded: " + bad.fileKey());
        assertThat(Files.exists(bad.path())).as("a quarantined file is kept for a reprocess").isTrue();
        assertThat(Files.exists(files.get(0).path())).as("a loaded file is removed from the spool").isFalse();

        JsonNode notice = Fixture.JSON.readTree(http.posts("/notify/error").get(0));
        assertThat(http.posts("/notify/ok")).as("no success notice for a failed batch").isEmpty();
        assertThat(notice.get("batchId").asLong()).isEqualTo(batch.id());
        assertThat(notice.get("status").asText()).isEqualTo("error");
        assertThat(notice.get("table").asText()).isEqualTo("categories");
        assertThat(notice.get("kind").asText()).isEqualTo("incremental");
        assertThat(notice.get("target").asText()).isEqualTo("controlshift.categories");
        assertThat(notice.get("rows").asLong()).isEqualTo(40);
        assertThat(notice.get("error").asText()).contains(bad.fileKey()).contains("not an integer: two hundred");
        assertThat(notice.get("files")).hasSize(5);
        assertThat(notice.get("files").get(2).get("status").asText()).isEqualTo("quarantined");
        assertThat(notice.get("files").get(2).get("key").asText()).isEqualTo(bad.fileKey());
    }

    @Test
    void reprocessingAFailedBatchLoadsOnlyWhatIsMissingInANewBatch() throws Exception {
        Batch failed = fiveFilesTheThirdBad();
        BatchFile bad = pipeline.batches().files(failed.id()).get(2);
        Files.writeString(bad.path(), "id,name,organisation_id\n200,fixed,7\n201,fixed,7\n", StandardCharsets.UTF_8);

        long fresh = pipeline.batches().reprocess(failed.id(), fx.clock.instant());
        pipeline.worker().runUntilIdle();

        Batch old = pipeline.batches().get(failed.id()).orElseThrow();
        assertThat(old.status()).isEqualTo(BatchStatus.REPROCESSED);
        assertThat(old.reprocessedAs()).isEqualTo(fresh);
        Batch done = pipeline.batches().get(fresh).orElseThrow();
        assertThat(done.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(done.reprocessOf()).isEqualTo(failed.id());
        assertThat(pipeline.batches().files(fresh)).extracting(BatchFile::status).containsExactly(FileStatus.SKIPPED,
                FileStatus.SKIPPED, FileStatus.LOADED, FileStatus.SKIPPED, FileStatus.SKIPPED);
        assertThat(fx.ids("categories")).hasSize(42).doesNotHaveDuplicates().contains(200L, 201L);
        JsonNode ok = Fixture.JSON.readTree(http.posts("/notify/ok").get(0));
        assertThat(ok.get("batchId").asLong()).isEqualTo(fresh);
        assertThat(ok.get("status").asText()).isEqualTo("ok");
        assertThat(ok.get("rows").asLong()).isEqualTo(2);
        assertThat(ok.get("error").isNull()).isTrue();
    }

    @Test
    void onlyAFailedOrHeldBatchCanBeReprocessed() throws Exception {
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 3), false));
        pipeline.worker().runUntilIdle();
        Batch open = Fixture.only(pipeline.batches().list(null, null, 10));
        fx.clock.advance(Duration.ofHours(1));
        pipeline.worker().runUntilIdle();

        assertThat(open.status()).isEqualTo(BatchStatus.OPEN);
        assertThatThrownBy(() -> pipeline.batches().reprocess(open.id(), fx.clock.instant()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is COMPLETE");
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(10, 3), false));
        pipeline.worker().runUntilIdle();
        long nowOpen = pipeline.batches().list(BatchStatus.OPEN, null, 10).get(0).id();
        assertThatThrownBy(() -> pipeline.batches().reprocess(nowOpen, fx.clock.instant()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is OPEN");
        assertThat(pipeline.batches().list(null, null, 10)).hasSize(2);
    }

    @Test
    void aFileTheLoaderRefusesIsQuarantinedAtOnceNotRetried() throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            // made by hand, without the unique index on id an upsert needs
            s.execute("CREATE SCHEMA controlshift; CREATE TABLE controlshift.categories (id integer, name text, organisation_id integer)");
        }
        fx.with(Fixture.rules(1, Duration.ofHours(1), 1L << 30));
        ControlShift single = fx.pipeline("worker-1");
        fx.announce(single, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 3), false));

        single.worker().runUntilIdle();
        fx.clock.advance(Duration.ofHours(2));
        single.worker().runUntilIdle();

        Batch batch = Fixture.only(single.batches().list(null, null, 10));
        assertThat(batch.status()).isEqualTo(BatchStatus.ERROR);
        assertThat(batch.attempts()).isEqualTo(1);
        assertThat(single.batches().files(batch.id())).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileStatus.QUARANTINED);
            assertThat(f.error()).contains("has no unique index or primary key on (id)");
        });
        assertThat(fx.count("SELECT count(*) FROM controlshift.categories")).isZero();
    }

    @Test
    void aLoadThatTimesOutOnALockIsRetriedLaterNotQuarantined() throws Exception {
        fx.with(Fixture.rules(1, Duration.ofHours(1), 1L << 30))
                .with(fx.settings().withStatementTimeout(Duration.ofMillis(300)));
        ControlShift single = fx.pipeline("worker-1");
        fx.announce(single, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 3), false));
        single.worker().runUntilIdle();
        fx.announce(single, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(4, 3), false));

        Batch released;
        try (Connection reader = pg.connect(); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("LOCK TABLE controlshift.categories IN ACCESS EXCLUSIVE MODE");
            single.worker().runUntilIdle();
            released = single.batches().list(null, null, 10).get(0);
            reader.rollback();
        }
        fx.clock.advance(Duration.ofMinutes(1));
        single.worker().runUntilIdle();

        assertThat(released.status()).isEqualTo(BatchStatus.PENDING);
        assertThat(released.error()).contains("statement timeout");
        Batch done = single.batches().get(released.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(single.batches().files(done.id())).extracting(BatchFile::status).containsExactly(FileStatus.LOADED);
        assertThat(fx.ids("categories")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    private Batch fiveFilesTheThirdBad() throws Exception {
        for (int i = 0; i < 5; i++) {
            byte[] csv = i == 2
                    ? "id,name,organisation_id\n200,good,7\ntwo hundred,bad,7\n".getBytes(StandardCharsets.UTF_8)
                    : Fixture.categories(i * 10 + 1, 10);
            fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", csv, false));
        }
        pipeline.worker().runUntilIdle();
        return Fixture.only(pipeline.batches().list(null, null, 10));
    }
}
