package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The progress line's rate follows the last seconds, not the average since the start (readings at given times). */
class RecentRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSlowdownShowsWithinTheWindowWhileTheAverageWouldHideIt() {
        RecentRate rate = new RecentRate(10 * SECOND);
        long rows = 0;
        double last = 0;
        for (int s = 0; s <= 60; s++) {          // a minute at 1,000 rows/s
            last = rate.add(s * SECOND, rows);
            rows += 1_000;
        }
        assertThat(last).isCloseTo(1_000, within(1.0));
        for (int s = 61; s <= 80; s++) {         // then 20 s at 100 rows/s
            rows += 100;
            last = rate.add(s * SECOND, rows);
        }
        assertThat(last).as("last 10 s only").isCloseTo(100, within(1.0));
        assertThat(rows / 80.0).as("the average since the start").isGreaterThan(700);
    }

    @Test
    void oneReadingHasNoRateYet() {
        assertThat(new RecentRate(10 * SECOND).add(5 * SECOND, 1_000)).isZero();
    }
}
