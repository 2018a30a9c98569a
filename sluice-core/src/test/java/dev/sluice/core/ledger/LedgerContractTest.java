package dev.sluice.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ledger.ClaimStore.ClaimResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What every ledger must do, run against each implementation (SQLite here, PostgreSQL in
 * sluice-postgres): subclasses say how to open the same ledger again.
 */
public abstract class LedgerContractTest {

    /** Opens the ledger under test; called again to see what a second process (or a restart) sees. */
    protected abstract JdbcLedger open();

    @Test
    public void keepsJobsCheckpointsAndOutcomesAcrossReopening() {
        long id;
        try (JdbcLedger ledger = open()) {
            JobRecord job = ledger.start(new NewJob("k1", "file:///a.csv", "10-20", "braze x", List.of("external_id", "a"),
                    Checkpoint.START, "/tmp/a.rejects.csv"));
            id = job.id();
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            ledger.checkpoint(id, new Checkpoint(120, 7, new Counts(6, 5, 1, 0, 2, 1), 88));
        }
        try (JdbcLedger ledger = open()) {
            JobRecord job = ledger.latest("k1").orElseThrow();
            assertThat(job.id()).isEqualTo(id);
            assertThat(job.status().resumable()).isTrue();
            assertThat(job.header()).containsExactly("external_id", "a");
            assertThat(job.checkpoint()).isEqualTo(new Checkpoint(120, 7, new Counts(6, 5, 1, 0, 2, 1), 88));
            ledger.finish(id, JobStatus.COMPLETED, new Checkpoint(300, 20, new Counts(19, 18, 1, 0, 3, 1), 88), null);
            assertThat(ledger.latest("k1").orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(ledger.latest("other")).isEmpty();
        }
    }

    @Test
    public void latestIsTheNewestJobOfAKeyAndRecentListsNewestFirst() {
        try (JdbcLedger ledger = open()) {
            JobRecord first = ledger.start(new NewJob("k", "s", "v", "d", null, Checkpoint.START, null));
            ledger.finish(first.id(), JobStatus.COMPLETED, Checkpoint.START, null);
            JobRecord second = ledger.start(new NewJob("k", "s", "v", "d", null, Checkpoint.START, null));
            ledger.finish(second.id(), JobStatus.STOPPED, Checkpoint.START, "interrupted");
            assertThat(ledger.latest("k").orElseThrow().id()).isEqualTo(second.id());
            assertThat(ledger.latest("k").orElseThrow().error()).isEqualTo("interrupted");
            assertThat(ledger.recent(10)).extracting(JobRecord::id).containsExactly(second.id(), first.id());
        }
    }

    @Test
    public void resumingClearsTheErrorAndMarksTheJobRunning() {
        try (JdbcLedger ledger = open()) {
            JobRecord job = ledger.start(new NewJob("k", "s", "v", "d", null, Checkpoint.START, null));
            ledger.finish(job.id(), JobStatus.STOPPED, Checkpoint.START, "Braze said 401");
            ledger.resume(job.id());
            JobRecord resumed = ledger.latest("k").orElseThrow();
            assertThat(resumed.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(resumed.error()).isNull();
        }
    }

    @Test
    public void aClaimIsTakenOnceUntilReleasedAndNeverAfterItIsDone() {
        Duration lease = Duration.ofMinutes(1);
        try (JdbcLedger a = open(); JdbcLedger b = open()) {
            assertThat(a.claim("file-1", "a", lease)).isEqualTo(ClaimResult.TAKEN);
            assertThat(b.claim("file-1", "b", lease)).isEqualTo(ClaimResult.HELD_ELSEWHERE);
            assertThat(a.claim("file-1", "a", lease)).as("the owner may claim again").isEqualTo(ClaimResult.TAKEN);
            assertThat(a.renew("file-1", "a", lease)).isTrue();
            assertThat(b.renew("file-1", "b", lease)).isFalse();
            a.release("file-1", "a");
            assertThat(b.claim("file-1", "b", lease)).isEqualTo(ClaimResult.TAKEN);
            b.done("file-1", "b");
            assertThat(a.claim("file-1", "a", lease)).isEqualTo(ClaimResult.DONE);
            assertThat(b.claim("file-1", "b", lease)).isEqualTo(ClaimResult.DONE);
        }
    }

    @Test
    public void anExpiredClaimCanBeTakenOverAndItsFormerOwnerLearnsIt() {
        try (JdbcLedger a = open(); JdbcLedger b = open()) {
            assertThat(a.claim("file-2", "a", Duration.ofMillis(-1))).isEqualTo(ClaimResult.TAKEN);
            assertThat(b.claim("file-2", "b", Duration.ofMinutes(1))).isEqualTo(ClaimResult.TAKEN);
            assertThat(a.renew("file-2", "a", Duration.ofMinutes(1))).isFalse();
        }
    }

    @Test
    public void racingClaimantsOnSeparateConnectionsHaveExactlyOneWinner() throws Exception {
        int claimants = 6;
        for (int round = 0; round < 5; round++) {
            String key = "race-" + round;
            ConcurrentLinkedQueue<ClaimResult> results = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[claimants];
            for (int i = 0; i < claimants; i++) {
                String owner = "w" + i;
                threads[i] = new Thread(() -> {
                    try (JdbcLedger ledger = open()) {
                        go.await();
                        results.add(ledger.claim(key, owner, Duration.ofMinutes(1)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                threads[i].start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(results).hasSize(claimants);
            assertThat(results).filteredOn(r -> r == ClaimResult.TAKEN).hasSize(1);
        }
    }
}
