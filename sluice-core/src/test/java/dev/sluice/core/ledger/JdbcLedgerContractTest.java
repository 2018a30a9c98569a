package dev.sluice.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ledger.ClaimStore.ClaimResult;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The SQL ledgers' contract: jobs as every ledger keeps them, and claims that racing instances share. */
public abstract class JdbcLedgerContractTest extends LedgerContractTest<JdbcLedger> {

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
