package dev.sluice.controlshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchFile;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.FileStatus;
import dev.sluice.controlshift.batch.HistoryEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec test cases 21–23 and the FULL rules: when a batch closes, and what goes into it. */
class BatchRulesTest extends PipelineTest {


    @Test
    void threeFilesMakeABatchOfThreeAndTwoDoNot() throws Exception {
        ControlShift pipeline = fx.with(Fixture.rules(3, Duration.ofHours(1), 1L << 30)).pipeline("worker-1");
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 10), false));
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(11, 10), false));

        pipeline.worker().runUntilIdle();
        Batch open = Fixture.only(pipeline.batches().list(null, null, 10));
        assertThat(open.status()).isEqualTo(BatchStatus.OPEN);
        assertThat(open.fileCount()).isEqualTo(2);

        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(21, 10), false));
        pipeline.worker().runUntilIdle();

        Batch done = Fixture.only(pipeline.batches().list(null, null, 10));
        assertThat(done.id()).isEqualTo(open.id());
        assertThat(done.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(done.rowsLoaded()).isEqualTo(30);
        assertThat(pipeline.batches().files(done.id())).hasSize(3).extracting(BatchFile::status).containsOnly(FileStatus.LOADED);
        assertThat(fx.ids("categories")).hasSize(30).doesNotHaveDuplicates();
        assertThat(pipeline.batches().history(done.id())).extracting(HistoryEntry::note)
                .anySatisfy(note -> assertThat(note).isEqualTo("closed: 3 files (batch size 3)"));
    }

    @Test
    void aLoneFileIsLoadedByTheTimerOnceItIsOldEnoughWithoutAnotherArrival() throws Exception {
        ControlShift pipeline = fx.with(Fixture.rules(100, Duration.ofMinutes(2), 1L << 30)).pipeline("worker-1");
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 5), false));

        pipeline.worker().runOnce();
        fx.clock.advance(Duration.ofSeconds(119));
        ControlShiftWorker.Pass early = pipeline.worker().runOnce();
        Batch waiting = Fixture.only(pipeline.batches().list(null, null, 10));
        fx.clock.advance(Duration.ofSeconds(1));
        ControlShiftWorker.Pass onTime = pipeline.worker().runOnce();

        assertThat(early.closed()).isZero();
        assertThat(waiting.status()).isEqualTo(BatchStatus.OPEN);
        assertThat(onTime.closed()).isEqualTo(1);
        assertThat(onTime.finishedBatch()).contains(waiting.id());
        assertThat(pipeline.batches().get(waiting.id()).orElseThrow().status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(fx.ids("categories")).hasSize(5);
        assertThat(pipeline.batches().history(waiting.id())).extracting(HistoryEntry::note)
                .anySatisfy(note -> assertThat(note).isEqualTo("closed: oldest file waited 120 s (max age 120 s)"));
    }

    @Test
    void theBytesRuleClosesABatchOnceItHoldsEnoughCsv() throws Exception {
        byte[] file = Fixture.categories(1, 20);
        ControlShift pipeline = fx.with(Fixture.rules(100, Duration.ofHours(1), file.length + 1L)).pipeline("worker-1");
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", file, false));
        pipeline.worker().runUntilIdle();
        BatchStatus afterOne = Fixture.only(pipeline.batches().list(null, null, 10)).status();

        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(21, 20), false));
        pipeline.worker().runUntilIdle();

        assertThat(afterOne).isEqualTo(BatchStatus.OPEN);
        Batch done = Fixture.only(pipeline.batches().list(null, null, 10));
        assertThat(done.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(done.csvBytes()).isGreaterThan(file.length);
        assertThat(fx.ids("categories")).hasSize(40);
    }

    @Test
    void tablesAndKindsBatchSeparatelyAndFullExportsAreNeverMerged() throws Exception {
        ControlShift pipeline = fx.with(Fixture.rules(3, Duration.ofHours(1), 1L << 30)).pipeline("worker-1");
        fx.announce(pipeline, fx.export(ExportKind.FULL, "categories", Fixture.categories(1, 4), false));
        fx.announce(pipeline, fx.export(ExportKind.FULL, "categories", Fixture.categories(1, 6), false));
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(100, 1), false));
        fx.announce(pipeline, fx.export(ExportKind.INCREMENTAL, "labels", "id,name\n1,x\n".getBytes(), false));

        pipeline.worker().runUntilIdle();

        List<Batch> batches = pipeline.batches().list(null, null, 10);
        assertThat(batches).hasSize(4);
        assertThat(batches).filteredOn(b -> b.kind() == ExportKind.FULL).hasSize(2)
                .allSatisfy(b -> {
                    assertThat(b.fileCount()).isEqualTo(1);
                    assertThat(b.status()).isEqualTo(BatchStatus.COMPLETE);
                });
        assertThat(batches).filteredOn(b -> b.kind() == ExportKind.INCREMENTAL).extracting(Batch::status)
                .containsOnly(BatchStatus.OPEN);
        // the second full export replaced the first
        assertThat(fx.ids("categories")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aFullExportOlderThanOneAlreadyLoadedIsSkipped() throws Exception {
        ControlShift pipeline = fx.pipeline("worker-1");
        Fixture.Export older = fx.export(ExportKind.FULL, "categories", Fixture.categories(1, 3), false);
        Fixture.Export newer = fx.export(ExportKind.FULL, "categories", Fixture.categories(1, 8), false);
        fx.announce(pipeline, newer);
        pipeline.worker().runUntilIdle();

        fx.announce(pipeline, older);
        pipeline.worker().runUntilIdle();

        assertThat(fx.ids("categories")).hasSize(8);
        Batch skipped = pipeline.batches().list(null, null, 10).get(0);
        assertThat(skipped.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(pipeline.batches().files(skipped.id())).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileStatus.SKIPPED);
            assertThat(f.error()).startsWith("superseded by the newer full export loaded by batch");
        });
    }
}
