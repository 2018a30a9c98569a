package dev.sluice.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every ledger must do with jobs, run against each implementation (SQLite here, PostgreSQL in
 * sluice-postgres, DynamoDB in sluice-lambda): subclasses say how to open the same ledger again.
 */
public abstract class LedgerContractTest<L extends Ledger> {

    /** Opens the ledger under test; called again to see what a second process (or a restart) sees. */
    protected abstract L open();

    @Test
    public void keepsJobsCheckpointsAndOutcomesAcrossReopening() {
        long id;
        try (L ledger = open()) {
            JobRecord job = ledger.start(new NewJob("k1", "file:///a.csv", "10-20", "braze x", List.of("external_id", "a"),
                    Checkpoint.START, "/tmp/a.rejects.csv"));
            id = job.id();
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            ledger.checkpoint(id, new Checkpoint(120, 7, new Counts(6, 5, 1, 0, 2, 1), 88));
        }
        try (L ledger = open()) {
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
        try (L ledger = open()) {
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
        try (L ledger = open()) {
            JobRecord job = ledger.start(new NewJob("k", "s", "v", "d", null, Checkpoint.START, null));
            ledger.finish(job.id(), JobStatus.STOPPED, Checkpoint.START, "Braze said 401");
            ledger.resume(job.id());
            JobRecord resumed = ledger.latest("k").orElseThrow();
            assertThat(resumed.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(resumed.error()).isNull();
        }
    }
}
