package dev.sluice.lambda.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.LedgerContractTest;
import dev.sluice.core.ledger.LedgerException;
import dev.sluice.core.ledger.NewJob;
import dev.sluice.lambda.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DynamoDB ledger against DynamoDB Local: every ledger's contract, plus its conditional writes and leases. */
class DynamoLedgerTest extends LedgerContractTest<DynamoLedger> {
    private static final LocalAws AWS = LocalAws.get();

    private String table;
    private DynamoLedger ledger;

    @BeforeEach
    void newTable() {
        table = AWS.newLedgerTable();
        ledger = new DynamoLedger(AWS::dynamo, table);
    }

    /** The same table again, as another invocation sees it. */
    @Override
    protected DynamoLedger open() {
        return new DynamoLedger(AWS::dynamo, table);
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
