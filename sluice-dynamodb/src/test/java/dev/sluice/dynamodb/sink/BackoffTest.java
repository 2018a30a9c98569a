package dev.sluice.dynamodb.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(50);
    private static final Duration MAX = Duration.ofSeconds(5);

    @Test
    void theCeilingDoublesFromTwiceTheBaseUpToTheMaximum() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 0.5);
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.ceiling(7)).isEqualTo(MAX);
        assertThat(backoff.ceiling(9)).isEqualTo(MAX);
        assertThat(backoff.ceiling(10_000)).isEqualTo(MAX);
    }

    @Test
    void aWaitFallsBetweenTheBaseAndTheCeilingWhereTheJitterPutsIt() {
        assertThat(new Backoff(BASE, MAX, () -> 0.0).delay(3)).isEqualTo(BASE);
        assertThat(new Backoff(BASE, MAX, () -> 1.0).delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(new Backoff(BASE, MAX, () -> 0.5).delay(3)).isEqualTo(Duration.ofMillis(225));

        Random random = new Random(42);
        Backoff jittered = new Backoff(BASE, MAX, random::nextDouble);
        for (int retry = 1; retry < 12; retry++) {
            for (int i = 0; i < 100; i++) {
                assertThat(jittered.delay(retry)).isBetween(BASE, jittered.ceiling(retry));
            }
        }
    }

    @Test
    void aZeroBaseNeverWaitsAndEqualBaseAndMaxAlwaysWaitTheSame() {
        assertThat(new Backoff(Duration.ZERO, MAX, () -> 1.0).delay(5)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(MAX, MAX, () -> 0.3).delay(1)).isEqualTo(MAX);
    }
}
