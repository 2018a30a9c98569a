package dev.sluice.controlshift.fetch;

import java.time.Duration;
import java.util.List;

/**
 * What a download may do.
 *
 * @param allowedHosts hosts files may come from: exact names ({@code agra-data-exports-production.s3.amazonaws.com})
 *     or {@code *.suffix} for any host under a domain; nothing else is fetched (a webhook's URL is
 *     attacker-controlled when no secret is configured)
 * @param allowPlainHttp whether {@code http://} URLs are fetched (tests against a local server); https otherwise
 * @param maxWireBytes the most bytes one download may transfer
 * @param maxCsvBytes the most bytes a file may decompress to (a guard against bzip2 bombs)
 * @param urlLifetime how long a pre-signed URL lives when its query does not say (ControlShift: 6 hours)
 * @param requestTimeout connect and first-byte timeout of one request
 * @param maxAttempts attempts before a transient failure (5xx, timeout, broken connection) becomes terminal
 * @param firstBackoff the wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the longest wait between attempts
 */
public record DownloadRules(List<String> allowedHosts, boolean allowPlainHttp, long maxWireBytes, long maxCsvBytes,
        Duration urlLifetime, Duration requestTimeout, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public DownloadRules {
        allowedHosts = List.copyOf(allowedHosts);
        if (allowedHosts.isEmpty()) {
            throw new IllegalArgumentException("no allowed download hosts: name ControlShift's export bucket host");
        }
        if (maxWireBytes <= 0 || maxCsvBytes <= 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("download limits must be positive");
        }
    }

    /** ControlShift's defaults: its export buckets, 6-hour URLs, 5 GiB files that may decompress tenfold. */
    public static DownloadRules defaults() {
        return new DownloadRules(List.of("agra-data-exports-production.s3.amazonaws.com",
                        "agra-data-exports-production-eu-central-1.s3.amazonaws.com",
                        "agra-data-exports-production-eu-central-1.s3.eu-central-1.amazonaws.com"),
                false, 5L << 30, 50L << 30, Duration.ofHours(6), Duration.ofSeconds(30), 8,
                Duration.ofSeconds(15), Duration.ofMinutes(10));
    }

    public DownloadRules withAllowedHosts(List<String> hosts, boolean plainHttp) {
        return new DownloadRules(hosts, plainHttp, maxWireBytes, maxCsvBytes, urlLifetime, requestTimeout, maxAttempts,
                firstBackoff, maxBackoff);
    }

    public DownloadRules withLimits(long wireBytes, long csvBytes) {
        return new DownloadRules(allowedHosts, allowPlainHttp, wireBytes, csvBytes, urlLifetime, requestTimeout, maxAttempts,
                firstBackoff, maxBackoff);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones. */
    public Duration backoff(int attempt) {
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    boolean allows(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        for (String allowed : allowedHosts) {
            String a = allowed.toLowerCase(java.util.Locale.ROOT);
            if (a.startsWith("*.") ? h.endsWith(a.substring(1)) : h.equals(a)) {
                return true;
            }
        }
        return false;
    }
}
