package dev.sluice.cli;

import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.braze.payload.BrazeLimits;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.core.rate.RateLimit;
import dev.sluice.core.typing.ColumnTypes;
import dev.sluice.core.typing.EmptyCells;
import dev.sluice.core.typing.TypingOptions;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options that only mean something for Braze. */
final class BrazeOptions {

    @Option(names = "--id-column", paramLabel = "COL",
            description = "Send this column as external_id (default: external_id, braze_id, alias_name+alias_label,"
                    + " email or phone, whichever the header has).")
    String idColumn;

    @Option(names = "--update-existing-only",
            description = "Only update users Braze already has (_update_existing_only); never create profiles.")
    boolean updateExistingOnly;

    @Option(names = "--null-token", paramLabel = "TEXT", defaultValue = TypingOptions.DEFAULT_NULL_TOKEN,
            description = "A cell with this text unsets the attribute (any case). Default: ${DEFAULT-VALUE}.")
    String nullToken;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "75",
            description = "Objects per request: 75 on current contracts, 50 on some MAU contracts, up to 1000 on"
                    + " /users/track/bulk. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--endpoint", paramLabel = "PATH", defaultValue = "/users/track",
            description = "Braze endpoint: /users/track or /users/track/bulk. Default: ${DEFAULT-VALUE}.")
    String endpoint;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Largest request body (Braze: 4 MB, bulk: 2 MB). Default: ${DEFAULT-VALUE}.")
    int maxBodyBytes;

    @Option(names = "--rate-limit", paramLabel = "N/PERIOD", defaultValue = "3000/3s",
            description = "The workspace's request budget, e.g. 3000/3s, 50000/1m, or none. Adapts to Braze's"
                    + " X-RateLimit headers. Default: ${DEFAULT-VALUE}.")
    String rateLimit;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds to wait for an answer before retrying the request. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    BrazeImportOptions importOptions(FileOptions file) {
        TypingOptions typing = new TypingOptions(nullToken, emptyCells(file.emptyCellPolicy()),
                ColumnTypes.parse(file.types), Set.of());
        return new BrazeImportOptions(idColumn, updateExistingOnly, typing, BrazeLimits.defaults());
    }

    /** The sink's settings; null concurrency or attempts take Braze's defaults. */
    BrazeConfig config(BrazeTarget target, Integer concurrency, Integer maxAttempts) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
        BrazeConfig defaults = BrazeConfig.defaults(target.url(), target.apiKey());
        return defaults
                .withConcurrency(concurrency == null ? defaults.concurrency() : concurrency)
                .withRateLimit(RateLimit.parse(rateLimit))
                .withBatch(endpoint, batchSize, maxBodyBytes)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(timeoutSeconds))
                .withMaxAttempts(maxAttempts == null ? defaults.maxAttempts() : maxAttempts);
    }

    private static EmptyCells emptyCells(String policy) {
        return switch (policy) {
            case "omit" -> EmptyCells.OMIT;
            case "null" -> EmptyCells.NULL;
            case "empty-string" -> EmptyCells.EMPTY_STRING;
            default -> throw new IllegalArgumentException("--empty-cells for Braze is omit, null or empty-string, not '"
                    + policy + "'");
        };
    }
}
