package dev.sluice.cli;

import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.AwsClients;
import dev.sluice.dynamodb.item.DynamoItemOptions;
import dev.sluice.dynamodb.item.DynamoType;
import dev.sluice.dynamodb.item.EmptyPolicy;
import dev.sluice.dynamodb.item.KeySchema;
import dev.sluice.dynamodb.item.KeyTemplate;
import dev.sluice.dynamodb.sink.DynamoConfig;
import dev.sluice.dynamodb.sink.WriteMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Options that only mean something for DynamoDB, and the client they configure. */
final class DynamoOptions {

    @Option(names = "--table", paramLabel = "TABLE",
            description = "The DynamoDB table (it must exist; its key schema is read), or the PostgreSQL table"
                    + " ([SCHEMA.]TABLE; it must exist; its column types are read).")
    String table;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "put",
            description = "DynamoDB: put (replace whole items, batched; the default), upsert (set the file's columns,"
                    + " keep the item's others), insert-only (skip items that exist) or update-only (skip items that do"
                    + " not). PostgreSQL: append (the default), incremental (dedupe by --key, upsert) or full (replace"
                    + " the table atomically).")
    String mode;

    @Option(names = "--key-template", paramLabel = "ATTR=TEMPLATE",
            description = "Build a key attribute from columns, e.g. pk=CUST#{customer_id} or sk={date}#{order_id}."
                    + " Repeatable.")
    List<String> keyTemplates = new ArrayList<>();

    @Option(names = "--infer",
            description = "Infer N and BOOL for untyped columns (conservatively: 007 stays a string). Without it,"
                    + " untyped columns are S, as DynamoDB's own import does.")
    boolean infer;

    @Option(names = "--max-wcu", paramLabel = "N",
            description = "Cap on write capacity units per second, to leave room for the table's other users.")
    Integer maxWcu;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: AWS_REGION or AWS_DEFAULT_REGION).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "A DynamoDB-compatible endpoint, e.g. DynamoDB Local (default: AWS_ENDPOINT_URL_DYNAMODB"
                    + " or AWS_ENDPOINT_URL).")
    String endpointUrl;

    String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("--to dynamodb needs --table TABLE");
        }
        return table;
    }

    DynamoItemOptions itemOptions(FileOptions file) {
        Map<String, KeyTemplate> templates = new LinkedHashMap<>();
        for (String spec : keyTemplates) {
            KeyTemplate template = KeyTemplate.parse(spec);
            templates.put(template.attribute(), template);
        }
        return DynamoItemOptions.defaults().withTypes(DynamoType.parseColumnTypes(file.types)).withInfer(infer)
                .withEmpty(EmptyPolicy.parse(file.emptyCellPolicy())).withKeyTemplates(templates);
    }

    DynamoConfig config(KeySchema key, Integer concurrency, Integer maxAttempts) {
        DynamoConfig defaults = DynamoConfig.defaults(table(), key);
        return new DynamoConfig(defaults.table(), key, WriteMode.parse(mode),
                concurrency == null ? defaults.concurrency() : concurrency, maxWcu,
                maxAttempts == null ? defaults.maxAttempts() : maxAttempts, defaults.baseBackoff(), defaults.maxBackoff());
    }

    /** Region, endpoint and credentials: the options first, then the environment (as for any AWS tool). */
    AwsClientSettings settings(Console console) {
        return AwsClients.settings(console.env(), "DYNAMODB", region, endpointUrl);
    }

    DynamoDbClient client(AwsClientSettings settings) {
        // the JDK keeps 5 idle connections per host unless told otherwise; the sink runs --concurrency calls
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        return settings.applyTo(DynamoDbClient.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .apiCallAttemptTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
