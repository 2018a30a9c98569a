package dev.sluice.lambda.config;

import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.core.rate.RateLimit;
import dev.sluice.core.typing.ColumnTypes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The function's configuration, from its environment variables (template.yaml sets them). Errors
 * name the variable, never a secret's value.
 *
 * <table>
 *   <tr><td>BRAZE_API_URL</td><td>the REST endpoint, e.g. https://rest.iad-01.braze.com (required)</td></tr>
 *   <tr><td>BRAZE_API_KEY / BRAZE_API_KEY_PARAMETER / BRAZE_API_KEY_SECRET</td><td>exactly one</td></tr>
 *   <tr><td>LEDGER_TABLE</td><td>the DynamoDB ledger table (required)</td></tr>
 *   <tr><td>TOPIC_ARN</td><td>SNS topic for one message per file (optional, the seed's name)</td></tr>
 *   <tr><td>REJECTS_PREFIX</td><td>where rejected rows go in the bucket (default {@code rejects/})</td></tr>
 *   <tr><td>STOP_MARGIN_SECONDS</td><td>time kept before the deadline to drain, checkpoint and continue (default 60)</td></tr>
 *   <tr><td>CONTINUE_FUNCTION</td><td>the function that takes continuation events (default: the invoked one)</td></tr>
 *   <tr><td>MAX_RECEIVES</td><td>the queue's maxReceiveCount: the last SQS attempt notifies failure (default 1)</td></tr>
 *   <tr><td>BRAZE_CONCURRENCY, BRAZE_RATE_LIMIT</td><td>requests in flight (default 160) and the workspace budget (default 3000/3s)</td></tr>
 *   <tr><td>TYPE_CAST</td><td>explicit column types, {@code col=type,col2=type} (the seed's variable)</td></tr>
 *   <tr><td>BRAZE_ID_COLUMN, BRAZE_UPDATE_EXISTING_ONLY</td><td>as {@code --id-column}, {@code --update-existing-only}</td></tr>
 * </table>
 */
public record LambdaSettings(
        URI brazeApiUrl,
        ApiKeySource apiKey,
        String ledgerTable,
        String topicArn,
        String rejectsPrefix,
        Duration stopMargin,
        String continueFunction,
        int maxReceives,
        int concurrency,
        RateLimit rateLimit,
        BrazeImportOptions importOptions) {

    /** Every variable read here (besides the AWS SDK's own: AWS_REGION, AWS_ENDPOINT_URL_*, credentials). */
    public static final Set<String> VARIABLES = Set.of("BRAZE_API_URL", "BRAZE_API_KEY", "BRAZE_API_KEY_PARAMETER",
            "BRAZE_API_KEY_SECRET", "LEDGER_TABLE", "TOPIC_ARN", "REJECTS_PREFIX", "STOP_MARGIN_SECONDS",
            "CONTINUE_FUNCTION", "MAX_RECEIVES", "BRAZE_CONCURRENCY", "BRAZE_RATE_LIMIT", "TYPE_CAST", "BRAZE_ID_COLUMN",
            "BRAZE_UPDATE_EXISTING_ONLY");

    public static LambdaSettings fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        URI url = URI.create(e.required("BRAZE_API_URL", "the Braze REST endpoint, e.g. https://rest.iad-01.braze.com"));
        if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("BRAZE_API_URL must be an http(s) URL, e.g. https://rest.iad-01.braze.com");
        }
        BrazeImportOptions options = BrazeImportOptions.defaults()
                .withIdColumn(e.optional("BRAZE_ID_COLUMN", null))
                .withUpdateExistingOnly(Boolean.parseBoolean(e.optional("BRAZE_UPDATE_EXISTING_ONLY", "false")));
        String types = e.optional("TYPE_CAST", null);
        if (types != null) {
            try {
                options = options.withTyping(options.typing().withColumnTypes(ColumnTypes.parse(List.of(types))));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("TYPE_CAST: " + ex.getMessage(), ex);
            }
        }
        return new LambdaSettings(url, apiKey(e), e.required("LEDGER_TABLE", "the DynamoDB ledger table's name"),
                e.optional("TOPIC_ARN", null), e.optional("REJECTS_PREFIX", "rejects/"),
                Duration.ofMillis(Math.round(e.number("STOP_MARGIN_SECONDS", "60") * 1000)),
                e.optional("CONTINUE_FUNCTION", null), (int) e.number("MAX_RECEIVES", "1"),
                (int) e.number("BRAZE_CONCURRENCY", Integer.toString(BrazeConfig.DEFAULT_CONCURRENCY)),
                RateLimit.parse(e.optional("BRAZE_RATE_LIMIT", "3000/3s")), options);
    }

    public LambdaSettings {
        if (stopMargin.toMillis() < 100) {
            throw new IllegalArgumentException("STOP_MARGIN_SECONDS must be at least 0.1");
        }
        if (maxReceives < 1 || concurrency < 1) {
            throw new IllegalArgumentException("MAX_RECEIVES and BRAZE_CONCURRENCY must be at least 1");
        }
    }

    /** How long a stopping import waits for the batches in flight: half the margin, the rest is for saving. */
    public Duration drainTimeout() {
        return stopMargin.dividedBy(2);
    }

    /** The sink's settings once the key is known. */
    public BrazeConfig brazeConfig(String key) {
        return BrazeConfig.defaults(brazeApiUrl, key).withConcurrency(concurrency).withRateLimit(rateLimit);
    }

    private static ApiKeySource apiKey(Env e) {
        List<ApiKeySource> sources = new ArrayList<>();
        String direct = e.optional("BRAZE_API_KEY", null);
        String parameter = e.optional("BRAZE_API_KEY_PARAMETER", null);
        String secret = e.optional("BRAZE_API_KEY_SECRET", null);
        if (direct != null) {
            sources.add(new ApiKeySource.Environment(direct));
        }
        if (parameter != null) {
            sources.add(new ApiKeySource.SsmParameter(parameter));
        }
        if (secret != null) {
            sources.add(new ApiKeySource.Secret(secret));
        }
        if (sources.size() != 1) {
            throw new IllegalArgumentException("set exactly one of BRAZE_API_KEY, BRAZE_API_KEY_PARAMETER (an SSM"
                    + " parameter name) and BRAZE_API_KEY_SECRET (a Secrets Manager secret id); found " + sources);
        }
        return sources.get(0);
    }

    /** Reads variables, blank counting as unset. */
    private record Env(Map<String, String> env) {
        String optional(String name, String fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        String required(String name, String what) {
            String value = optional(name, null);
            if (value == null) {
                throw new IllegalArgumentException(name + " is not set: " + what);
            }
            return value;
        }

        double number(String name, String fallback) {
            String value = optional(name, fallback);
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
            }
        }
    }
}
