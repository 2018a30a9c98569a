package dev.sluice.lambda.config;

import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.core.typing.ColumnTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The import functions' configuration, from their environment variables (template.yaml sets them). Errors
 * name the variable, never a secret's value.
 *
 * <table>
 *   <tr><td>BRAZE_*</td><td>the endpoint, where the key is, concurrency and rate limit: {@link BrazeSettings}</td></tr>
 *   <tr><td>LEDGER_TABLE</td><td>the DynamoDB ledger table (required)</td></tr>
 *   <tr><td>TOPIC_ARN</td><td>SNS topic for one message per file (optional, the seed's name)</td></tr>
 *   <tr><td>REJECTS_PREFIX</td><td>where rejected rows go in the bucket (default {@code rejects/})</td></tr>
 *   <tr><td>STOP_MARGIN_SECONDS</td><td>time kept before the deadline to drain, checkpoint and continue (default 60)</td></tr>
 *   <tr><td>CONTINUE_FUNCTION</td><td>the function that takes continuation events (default: the invoked one)</td></tr>
 *   <tr><td>MAX_RECEIVES</td><td>the queue's maxReceiveCount: the last SQS attempt notifies failure (default 1)</td></tr>
 *   <tr><td>TYPE_CAST</td><td>explicit column types, {@code col=type,col2=type} (the seed's variable)</td></tr>
 *   <tr><td>BRAZE_ID_COLUMN, BRAZE_UPDATE_EXISTING_ONLY</td><td>as {@code --id-column}, {@code --update-existing-only}</td></tr>
 * </table>
 */
public record LambdaSettings(
        BrazeSettings braze,
        String ledgerTable,
        String topicArn,
        String rejectsPrefix,
        Duration stopMargin,
        String continueFunction,
        int maxReceives,
        BrazeImportOptions importOptions) {

    /** Every variable read here (besides the AWS SDK's own: AWS_REGION, AWS_ENDPOINT_URL_*, credentials). */
    public static final Set<String> VARIABLES = Stream.concat(BrazeSettings.VARIABLES.stream(), Stream.of(
            "LEDGER_TABLE", "TOPIC_ARN", "REJECTS_PREFIX", "STOP_MARGIN_SECONDS", "CONTINUE_FUNCTION", "MAX_RECEIVES",
            "TYPE_CAST", "BRAZE_ID_COLUMN", "BRAZE_UPDATE_EXISTING_ONLY")).collect(Collectors.toUnmodifiableSet());

    public static LambdaSettings fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        BrazeSettings braze = BrazeSettings.fromEnv(e);
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
        return new LambdaSettings(braze, e.required("LEDGER_TABLE", "the DynamoDB ledger table's name"),
                e.optional("TOPIC_ARN", null), e.optional("REJECTS_PREFIX", "rejects/"),
                Duration.ofMillis(Math.round(e.number("STOP_MARGIN_SECONDS", "60") * 1000)),
                e.optional("CONTINUE_FUNCTION", null), (int) e.number("MAX_RECEIVES", "1"), options);
    }

    public LambdaSettings {
        if (stopMargin.toMillis() < 100) {
            throw new IllegalArgumentException("STOP_MARGIN_SECONDS must be at least 0.1");
        }
        if (maxReceives < 1) {
            throw new IllegalArgumentException("MAX_RECEIVES must be at least 1");
        }
    }

    /** How long a stopping import waits for the batches in flight: half the margin, the rest is for saving. */
    public Duration drainTimeout() {
        return stopMargin.dividedBy(2);
    }
}
