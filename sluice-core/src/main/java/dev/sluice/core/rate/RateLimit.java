package dev.sluice.core.rate;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many requests one API key may make per fixed window of {@code period}.
 *
 * @param requests requests allowed in one window, at least 1
 * @param period   the window length, at least one millisecond
 */
public record RateLimit(int requests, Duration period) {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{1,10})\\s*/\\s*(\\d{0,10})\\s*(ms|s|m|h)");

    public RateLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least 1 request, got " + requests);
        }
        Objects.requireNonNull(period, "period");
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("a rate limit period must be at least 1 ms, got " + period);
        }
    }

    /** Braze's limit for {@code /users/track} since 2024-10-28: 3,000 requests per three seconds. */
    public static RateLimit brazeDefault() {
        return new RateLimit(3000, Duration.ofSeconds(3));
    }

    /**
     * Reads {@code <requests>/<period>} such as {@code 3000/3s}, {@code 1000/1s}, {@code 50/1m},
     * {@code 10/500ms} or {@code 100/h} (units ms, s, m, h).
     *
     * @return the limit, or {@code null} for {@code none} or {@code unlimited}
     * @throws IllegalArgumentException when the text is not in that form
     */
    public static RateLimit parse(String text) {
        String spec = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("none") || spec.equals("unlimited")) {
            return null;
        }
        Matcher m = FORMAT.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("rate limit '" + text
                    + "' is not <requests>/<period> like 3000/3s, 1000/1s or 50/1m (units ms, s, m, h), or none");
        }
        long requests = Long.parseLong(m.group(1));
        if (requests > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rate limit '" + text + "' allows too many requests (max "
                    + Integer.MAX_VALUE + ")");
        }
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        if (amount == 0) {
            throw new IllegalArgumentException("rate limit '" + text + "' has a zero-length period");
        }
        return new RateLimit((int) requests, period(amount, m.group(3)));
    }

    private static Duration period(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The same form {@link #parse} reads, e.g. {@code 3000/3s}. */
    @Override
    public String toString() {
        long ms = period.toMillis();
        if (ms % 3_600_000 == 0) {
            return requests + "/" + ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return requests + "/" + ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return requests + "/" + ms / 1000 + "s";
        }
        return requests + "/" + ms + "ms";
    }
}
