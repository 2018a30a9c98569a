package dev.sluice.personalize.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The moment of a run (UTC, whole seconds), which names the folders it writes. */
public record RunStamp(Instant instant) {
    private static final DateTimeFormatter PARTITION =
            DateTimeFormatter.ofPattern("'year='yyyy/'month='MM/'day='dd/'time='HHmmss/").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public RunStamp {
        instant = instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** {@code year=2022/month=06/day=06/time=115819/}. */
    public String partition() {
        return PARTITION.format(instant);
    }

    /** {@code 2022-06-06T11:58:19Z}, the {@code jobInfo.runDateTime} of every row. */
    public String iso() {
        return instant.toString();
    }

    /** {@code 20220606T115819Z}, for file names. */
    public String compact() {
        return COMPACT.format(instant);
    }
}
