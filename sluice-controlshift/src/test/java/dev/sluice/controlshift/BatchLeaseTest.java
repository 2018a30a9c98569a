package dev.sluice.controlshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchFile;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.FileStatus;
import dev.sluice.controlshift.batch.HistoryEntry;
import dev.sluice.postgres.load.LoadReport;
import dev.sluice.postgres.load.PostgresTableLoader;
import dev.sluice.postgres.load.TableLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spec test cases 24–26: workers racing, a worker dying after its load committed, a worker dying while it
 * holds a batch. Every worker here is a separate pipeline instance on the same store, as separate
 * processes would be; a death is an Error thrown inside the worker, which stops it on the spot (nothing
 * after that point runs, as with kill -9), and its JDBC connections close as a dead process's would.
 */
class BatchLeaseTest extends PipelineTest {
    /** Stops a worker where it stands. */
    static final class SimulatedDeath extends Error {
        SimulatedDeath(String where) {
            super("worker died " + where);
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(3);


    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void twoWorkersRacingForOneBatchLoadItExactlyOnce() throws Exception {
        fx.with(Fixture.rules(2, Duration.ofHours(1), 1L << 30));
        ControlShift a = fx.pipeline("worker-a");
        ControlShift b = fx.pipeline("worker-b");
        int rounds = 8;
        for (int round = 0; round < rounds; round++) {
            fx.announce(a, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(round * 100, 10), false));
            a.worker().runUntilIdle();
            fx.announce(a, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(round * 100 + 10, 10), false));

            // both start the same pass at once: either may download the second file, close the batch and take it
            CyclicBarrier together = new CyclicBarrier(2);
            Future<ControlShiftWorker.Pass> passA = threads.submit(pass(a, together));
            Future<ControlShiftWorker.Pass> passB = threads.submit(pass(b, together));
            List<Optional<Long>> finished = List.of(passA.get().finishedBatch(), passB.get().finishedBatch());
            a.worker().runUntilIdle();

            assertThat(finished.stream().filter(Optional::isPresent).count()).as("round %d: %s", round, finished).isLessThanOrEqualTo(1);
        }

        List<Batch> batches = a.batches().list(null, null, 100);
        assertThat(batches).hasSize(rounds).allSatisfy(batch -> {
            assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETE);
            assertThat(batch.fileCount()).isEqualTo(2);
            assertThat(batch.attempts()).isEqualTo(1);
        });
        assertThat(fx.ids("categories")).hasSize(rounds * 20).doesNotHaveDuplicates();
        assertThat(http.posts("/notify/ok")).hasSize(rounds);
    }

    @Test
    void filesArrivingWhileBatchesCloseAndLockAreEachLoadedOnceNeverLost() throws Exception {
        fx.with(Fixture.rules(3, Duration.ofMinutes(5), 1L << 30));
        ControlShift announcer = fx.pipeline("webhook");
        List<ControlShift> workers = List.of(fx.pipeline("worker-a"), fx.pipeline("worker-b"));
        int files = 40;
        AtomicBoolean announcing = new AtomicBoolean(true);
        List<Future<Object>> running = new ArrayList<>();
        for (ControlShift worker : workers) {
            running.add(threads.submit(() -> {
                while (announcing.get()) {
                    worker.worker().runOnce();
                }
                return null;
            }));
        }
        for (int i = 0; i < files; i++) {
            fx.announce(announcer, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(i * 10, 10), false));
        }
        announcing.set(false);
        for (Future<Object> worker : running) {
            worker.get();
        }
        fx.clock.advance(Duration.ofMinutes(5));
        workers.get(0).worker().runUntilIdle();

        assertThat(fx.ids("categories")).hasSize(files * 10).doesNotHaveDuplicates();
        List<Batch> batches = workers.get(0).batches().list(null, null, 100);
        assertThat(batches).allSatisfy(b -> assertThat(b.status()).isEqualTo(BatchStatus.COMPLETE));
        assertThat(batches.stream().mapToInt(Batch::fileCount).sum()).isEqualTo(files);
        assertThat(fx.count("SELECT count(DISTINCT event_id) FROM sluice_controlshift.batch_files")).isEqualTo(files);
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.batch_files WHERE status = 'LOADED'")).isEqualTo(files);
        assertThat(fx.count("SELECT count(*) FROM sluice_loads.files WHERE status = 'LOADED'")).isEqualTo(files);
    }

    @Test
    void aWorkerKilledAfterItsLoadCommittedDoesNotLoadTwiceAndTheBatchEndsComplete() throws Exception {
        ControlShift dying = fx.pipeline("worker-a", (batch, target, keys, rows) -> {
            throw new SimulatedDeath("after the COPY commit, before the batch status update");
        });
        ControlShift survivor = fx.pipeline("worker-b");
        fx.announce(dying, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 25), false));

        assertThatThrownBy(() -> dying.worker().runOnce()).isInstanceOf(SimulatedDeath.class);
        Batch held = Fixture.only(survivor.batches().list(null, null, 10));
        long rowsAfterDeath = fx.ids("categories").size();
        ControlShiftWorker.Pass whileLeaseHolds = survivor.worker().runOnce();
        fx.clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        survivor.worker().runUntilIdle();

        assertThat(held.status()).isEqualTo(BatchStatus.LOCKED);
        assertThat(rowsAfterDeath).isEqualTo(25);
        assertThat(whileLeaseHolds.finishedBatch()).isEmpty();
        Batch done = survivor.batches().get(held.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(fx.ids("categories")).hasSize(25).doesNotHaveDuplicates();
        assertThat(survivor.batches().files(held.id())).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileStatus.LOADED);
            assertThat(f.error()).isEqualTo("loaded by an earlier attempt whose outcome was not recorded");
        });
        assertThat(http.posts("/notify/ok")).hasSize(1);
    }

    @Test
    void aWorkerKilledWhileHoldingABatchLosesItWhenTheLeaseRunsOut() throws Exception {
        TableLoader diesMidLoad = (tx, request) -> {
            LoadReport copied = new PostgresTableLoader().load(tx, request);
            throw new SimulatedDeath("in the middle of a load (" + copied.rowsLoaded() + " rows copied, not committed)");
        };
        ControlShift dying = fx.pipeline("worker-a", diesMidLoad, (batch, target, keys, rows) -> { });
        ControlShift survivor = fx.pipeline("worker-b");
        fx.announce(dying, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 25), false));

        assertThatThrownBy(() -> dying.worker().runOnce()).isInstanceOf(SimulatedDeath.class);
        long committedByTheDead = fx.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'controlshift'");
        fx.clock.advance(Duration.ofMinutes(29));
        ControlShiftWorker.Pass beforeExpiry = survivor.worker().runOnce();
        fx.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        ControlShiftWorker.Pass afterExpiry = survivor.worker().runOnce();

        assertThat(committedByTheDead).as("its transaction rolled back with its connection").isZero();
        assertThat(beforeExpiry.finishedBatch()).isEmpty();
        assertThat(afterExpiry.finishedBatch()).isPresent();
        Batch done = survivor.batches().get(afterExpiry.finishedBatch().get()).orElseThrow();
        assertThat(done.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(fx.ids("categories")).hasSize(25);
        assertThat(survivor.batches().history(done.id())).extracting(HistoryEntry::note)
                .anySatisfy(n -> assertThat(n).startsWith("lease of worker-a ran out at").endsWith("taken by worker-b"));
    }

    @Test
    void unlockHandsAHeldBatchBackAtOnceAndTheDeadWorkerCannotRecordOverIt() throws Exception {
        AtomicBoolean die = new AtomicBoolean(true);
        ControlShift dying = fx.pipeline("worker-a", (batch, target, keys, rows) -> {
            if (die.get()) {
                throw new SimulatedDeath("after commit");
            }
        });
        ControlShift operator = fx.pipeline("worker-b");
        fx.announce(dying, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 5), false));
        assertThatThrownBy(() -> dying.worker().runOnce()).isInstanceOf(SimulatedDeath.class);
        long batch = Fixture.only(operator.batches().list(BatchStatus.LOCKED, null, 10)).id();

        operator.batches().unlock(batch, fx.clock.instant());
        ControlShiftWorker.Pass pass = operator.worker().runOnce();

        assertThat(pass.finishedBatch()).contains(batch);
        assertThat(operator.batches().get(batch).orElseThrow().status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(fx.ids("categories")).hasSize(5);
        assertThatThrownBy(() -> operator.batches().unlock(batch, fx.clock.instant()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMPLETE, not LOCKED");
        assertThat(operator.batches().files(batch)).extracting(BatchFile::status).containsExactly(FileStatus.LOADED);
    }

    @Test
    void aDownloadThatOutlivesItsLeaseIsDroppedAndTheFileJoinsOneBatchOnly() throws Exception {
        ControlShift a = fx.pipeline("worker-a");
        ControlShift b = fx.pipeline("worker-b");
        fx.announce(a, fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 5), false));
        dev.sluice.controlshift.store.EventStore events = new dev.sluice.controlshift.store.EventStore(
                dev.sluice.controlshift.store.Database.of(pg.jdbcUrl()));
        // worker-a claims the download and stalls past its lease; worker-b takes the event over
        var stalled = events.claimDue("worker-a", fx.clock.instant(), Duration.ofMinutes(30)).orElseThrow();
        fx.clock.advance(Duration.ofMinutes(31));
        b.worker().runUntilIdle();

        Optional<Long> late = a.batches().addDownloaded(stalled, "worker-a", spool.resolve("late.csv"), 1, 1, fx.clock.instant());

        assertThat(late).isEmpty();
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.batch_files")).isEqualTo(1);
        assertThat(fx.ids("categories")).hasSize(5);
    }

    private static Callable<ControlShiftWorker.Pass> pass(ControlShift pipeline, CyclicBarrier together) {
        return () -> {
            together.await();
            return pipeline.worker().runOnce();
        };
    }
}
