package dev.sluice.lambda.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.LedgerException;
import dev.sluice.core.ledger.NewJob;
import dev.sluice.lambda.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DynamoDB ledger against DynamoDB Local: the SQLite ledger's behaviour, plus its conditional writes and leases. */
class DynamoLedgerTest {
    private static final LocalAws AWS = LocalAws.get();

    private String table;
    private DynamoLedger ledger;

    @BeforeEach
    void newTable() {
        table = AWS.newLedgerTable();
        ledger = new DynamoLedger(AWS::dynamo, table);
    }

    @Test
    void keepsJobsCheckpointsAndOutcomes() {
        JobRecord job = ledger.start(new NewJob("k1", "s3://b/a.csv", "etag1", "braze x", List.of("external_id", "a"),
                Checkpoint.START, "/tmp/a.rejects.csv"));
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        ledger.checkpoint(job.id(), new Checkpoint(120, 7, new Counts(6, 5, 1, 0, 2, 1), 88));

        JobRecord read = new DynamoLedger(AWS::dynamo, table).latest("k1").orElseThrow();
        assertThat(read.id()).isEqualTo(job.id());
        assertThat(read.source()).isEqualTo("s3://b/a.csv");
        assertThat(read.sourceVersion()).isEqualTo("etag1");
        assertThat(read.rejectsFile()).isEqualTo("/tmp/a.rejects.csv");
        assertThat(read.header()).containsExactly("external_id", "a");
        assertThat(read.checkpoint()).isEqualTo(new Checkpoint(120, 7, new Counts(6, 5, 1, 0, 2, 1), 88));
        ledger.finish(job.id(), JobStatus.COMPLETED, new Checkpoint(300, 20, new Counts(19, 18, 1, 0, 3, 1), 88), null);
        assertThat(ledger.latest("k1").orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(ledger.latest("other")).isEmpty();
    }

    @Test
    void latestIsTheNewestJobOfAKeyAndRecentListsNewestFirst() {
        JobRecord first = ledger.start(new NewJob("k", "s", "v", "d", null, Checkpoint.START, null));
        ledger.finish(first.id(), JobStatus.COMPLETED, Checkpoint.START, null);
        JobRecord second = ledger.start(new NewJob("k", "s", "v", "d", null, Checkpoint.START, null));
        ledger.finish(second.id(), JobStatus.STOPPED, Checkpoint.START, "interrupted");

        assertThat(ledger.latest("k").orElseThrow().id()).isEqualTo(second.id());
        assertThat(ledger.latest("k").orElseThrow().error()).isEqualTo("interrupted");
        assertThat(ledger.latest("k").orElseThrow().header()).isNull();
        assertThat(ledger.recent(10)).extracting(JobRecord::id).containsExactly(second.id(), first.id());
    }

    @Test
    void recentReadsPastOneBatchOfAHundred() {
        for (int i = 0; i < 105; i++) {
            ledger.start(new NewJob("k" + i, "s", "v", "d", null, Checkpoint.START, null));
        }
        List<JobRecord> recent = ledger.recent(103);
        assertThat(recent).hasSize(103);
        assertThat(recent.get(0).key()).isEqualTo("k104");
        assertThat(recent.get(102).key()).isEqualTo("k2");
    }

    @Test
    void resumingClearsTheErrorAndMarksTheJobRunning() {
        JobRecord job = ledger.start(new NewJob("k", "s", "v", "d", null, Checkpoint.START, null));
        ledger.finish(job.id(), JobStatus.STOPPED, Checkpoint.START, "Braze said 401");
        ledger.resume(job.id());
        JobRecord resumed = ledger.latest("k").orElseThrow();
        assertThat(resumed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(resumed.error()).isNull();
    }

    @Test
    void aStaleRunCannotMoveACheckpointBackOrTouchAFinishedJob() {
        JobRecord job = ledger.start(new NewJob("k", "s", "v", "d", List.of("id"), Checkpoint.START, null));
        ledger.checkpoint(job.id(), new Checkpoint(500, 10, new Counts(9, 9, 0, 0, 1, 0), 0));

        assertThatThrownBy(() -> ledger.checkpoint(job.id(), new Checkpoint(200, 4, new Counts(3, 3, 0, 0, 1, 0), 0)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("job " + job.id());
        ledger.finish(job.id(), JobStatus.STOPPED, new Checkpoint(500, 10, new Counts(9, 9, 0, 0, 1, 0), 0), "stop");
        assertThatThrownBy(() -> ledger.checkpoint(job.id(), new Checkpoint(600, 12, Counts.ZERO, 0)))
                .as("a stopped job takes no checkpoint until it is resumed").isInstanceOf(LedgerException.class);
        ledger.resume(job.id());
        ledger.finish(job.id(), JobStatus.COMPLETED, new Checkpoint(900, 20, new Counts(19, 19, 0, 0, 2, 0), 0), null);
        assertThatThrownBy(() -> ledger.resume(job.id())).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> ledger.finish(job.id(), JobStatus.STOPPED, Checkpoint.START, "late"))
                .isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> ledger.checkpoint(404, Checkpoint.START)).isInstanceOf(LedgerException.class);
        assertThat(ledger.latest("k").orElseThrow().checkpoint().offset()).isEqualTo(900);
    }

    @Test
    void aLeaseIsHeldByOneOwnerUntilReleasedOrExpired() {
        JobLeases leases = new JobLeases(AWS::dynamo, table);
        Instant inAMinute = Instant.now().plusSeconds(60);

        assertThat(leases.acquire("job", "a", inAMinute)).isTrue();
        assertThat(leases.acquire("job", "b", inAMinute)).isFalse();
        assertThat(leases.acquire("job", "a", inAMinute)).as("the holder again").isTrue();
        assertThat(leases.acquire("other job", "b", inAMinute)).isTrue();
        leases.release("job", "b");
        assertThat(leases.acquire("job", "b", inAMinute)).as("b released nothing of a's").isFalse();
        leases.release("job", "a");
        assertThat(leases.acquire("job", "b", Instant.now().minusSeconds(1))).isTrue();
        assertThat(leases.acquire("job", "c", inAMinute)).as("b's lease had expired").isTrue();
    }
}
