package dev.sluice.core.pipeline;

import java.time.Duration;

/**
 * {@code destination: braze:}. A null component was not set in the file: the command's default applies.
 * {@link #toString()} never shows the key.
 *
 * @param restUrl            the workspace's REST endpoint, e.g. {@code https://rest.iad-01.braze.com}; always set,
 *                           an http(s) URL with a host
 * @param apiKey             the REST API key; always set and non-blank, and always from an environment variable
 * @param idColumn           {@code --id-column}
 * @param updateExistingOnly {@code --update-existing-only}
 * @param batchSize          {@code --batch-size}, at least 1
 * @param endpoint           {@code --endpoint}, a path starting with {@code /}
 * @param concurrency        {@code --concurrency}, at least 1
 * @param rateLimit          {@code --rate-limit}, already checked with {@code RateLimit.parse} ({@code none} allowed)
 * @param timeout            {@code --timeout}, at least one second
 * @param nullToken          {@code --null-token}
 */
public record BrazeDestinationConfig(String restUrl, String apiKey, String idColumn, Boolean updateExistingOnly,
        Integer batchSize, String endpoint, Integer concurrency, String rateLimit, Duration timeout, String nullToken)
        implements Destination {

    @Override
    public String kind() {
        return "braze";
    }

    @Override
    public String toString() {
        return "BrazeDestinationConfig[restUrl=" + restUrl + ", apiKey=" + (apiKey == null ? "null" : "****")
                + ", idColumn=" + idColumn + ", updateExistingOnly=" + updateExistingOnly + ", batchSize=" + batchSize
                + ", endpoint=" + endpoint + ", concurrency=" + concurrency + ", rateLimit=" + rateLimit
                + ", timeout=" + timeout + ", nullToken=" + nullToken + "]";
    }
}
