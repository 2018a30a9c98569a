package dev.sluice.braze.sandbox;

import dev.sluice.testkit.MutableClock;
import dev.sluice.core.rate.RateLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    @Test
    void parsesRequestsPerPeriod() {
        assertThat(RateLimit.parse("3000/3s")).isEqualTo(new RateLimit(3000, Duration.ofSeconds(3)));
        assertThat(RateLimit.parse("1000/1s")).isEqualTo(new RateLimit(1000, Duration.ofSeconds(1)));
        assertThat(RateLimit.parse(" 50 / 1m ")).isEqualTo(new RateLimit(50, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("10/500ms")).isEqualTo(new RateLimit(10, Duration.ofMillis(500)));
        assertThat(RateLimit.parse("100/h")).isEqualTo(new RateLimit(100, Duration.ofHours(1)));
    }

    @Test
    void noneMeansUnlimited() {
        assertThat(RateLimit.parse("none")).isNull();
        assertThat(RateLimit.parse("Unlimited")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3000", "3000/", "3000/3x", "abc/1s", "0/1s", "10/0s", "-1/1s", "99999999999/1s"})
    void rejectsOtherTextWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> RateLimit.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate limit");
    }

    @Test
    void printsWhatItParses() {
        for (String text : new String[] {"3000/3s", "50/1m", "10/500ms", "7/2h"}) {
            assertThat(RateLimit.parse(text)).hasToString(text);
        }
    }

    @Test
    void resetIsTheEndOfTheEpochAlignedWindowRoundedUpToASecond() {
        FixedWindowLimiter threeSeconds = new FixedWindowLimiter(RateLimit.parse("5/3s"),
                new MutableClock(Instant.ofEpochMilli(1_700_000_000_500L)));
        FixedWindowLimiter oneAndAHalf = new FixedWindowLimiter(RateLimit.parse("5/1500ms"),
                new MutableClock(Instant.ofEpochMilli(1_700_000_001_200L)));

        // 1_700_000_000_500 lies in the 3 s window [1_699_999_998_000, 1_700_000_001_000)
        assertThat(threeSeconds.acquire("k").headers()).containsEntry("X-RateLimit-Reset", "1700000001");
        // 1_700_000_001_200 lies in the 1.5 s window [1_700_000_001_000, 1_700_000_002_500): rounded up
        assertThat(oneAndAHalf.acquire("k").headers()).containsEntry("X-RateLimit-Reset", "1700000003");
    }

    @Test
    void keysHaveTheirOwnWindows() {
        FixedWindowLimiter limiter = new FixedWindowLimiter(RateLimit.parse("1/1s"),
                new MutableClock(Instant.ofEpochSecond(1_700_000_000L)));

        assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("a").allowed()).isFalse();
        assertThat(limiter.acquire("b").allowed()).isTrue();
    }
}
