package dev.sluice.dynamodb.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.rate.RateLimit;
import dev.sluice.dynamodb.sink.SinkTestKit.RecordingSleeper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The arithmetic of the WCU cap, on a clock the test moves by hand; nothing sleeps. */
class WcuPacerTest {

    private long now = 1_000_000_000L;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final WcuPacer pacer = new WcuPacer(new RateLimit(100, Duration.ofSeconds(1)), () -> now, sleeper);

    @Test
    void anItemCostsOneUnitPerStartedKilobyte() {
        assertThat(WcuPacer.wcu(0)).isEqualTo(1);
        assertThat(WcuPacer.wcu(1)).isEqualTo(1);
        assertThat(WcuPacer.wcu(1024)).isEqualTo(1);
        assertThat(WcuPacer.wcu(1025)).isEqualTo(2);
        assertThat(WcuPacer.wcu(400 * 1024)).isEqualTo(400);
    }

    @Test
    void theFirstSecondsBudgetIsFreeThenCallersWaitForTheRefill() {
        assertThat(pacer.reserve(60)).isZero();
        assertThat(pacer.reserve(40)).isZero();
        assertThat(pacer.reserve(50)).isEqualTo(Duration.ofMillis(500));
        assertThat(pacer.reserve(50)).isEqualTo(Duration.ofSeconds(1)); // behind the previous caller
        advance(Duration.ofSeconds(1));
        assertThat(pacer.reserve(10)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void idleTimeRefillsOnlyUpToOneSecondsBudget() {
        pacer.reserve(100);
        advance(Duration.ofMinutes(5));
        assertThat(pacer.reserve(100)).isZero();
        assertThat(pacer.reserve(1)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aRequestLargerThanTheWholeBudgetStillGoesAfterItsShareOfTime() {
        assertThat(pacer.reserve(250)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void acquireSleepsOnlyWhenItMustWait() throws InterruptedException {
        pacer.acquire(100);
        pacer.acquire(20);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(200));
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }
}
