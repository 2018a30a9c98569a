package dev.sluice.cli;

import dev.sluice.dynamodb.item.DynamoItemOptions;
import dev.sluice.dynamodb.item.DynamoType;
import dev.sluice.dynamodb.item.EmptyPolicy;
import dev.sluice.dynamodb.item.KeySchema;
import dev.sluice.dynamodb.item.KeyTemplate;
import dev.sluice.dynamodb.sink.DynamoConfig;
import dev.sluice.dynamodb.sink.WriteMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Options that only mean something for DynamoDB, and the client they configure. */
final class DynamoOptions {

    @Option(names = "--table", paramLabel = "TABLE", description = "The DynamoDB table (it must exist; its key schema is read).")
    String table;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "put",
            description = "put (replace whole items, batched; the default), upsert (set the file's columns, keep the"
                    + " item's others), insert-only (skip items that exist) or update-only (skip items that do not).")
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
        Map<String, DynamoType> types = new LinkedHashMap<>();
        for (String spec : file.types) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1 || spec.indexOf('=', eq + 1) >= 0) {
                throw new IllegalArgumentException("--type '" + spec + "' is not COL=TYPE");
            }
            if (types.put(spec.substring(0, eq), DynamoType.parse(spec.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("--type names column '" + spec.substring(0, eq) + "' twice");
            }
        }
        Map<String, KeyTemplate> templates = new LinkedHashMap<>();
        for (String spec : keyTemplates) {
            KeyTemplate template = KeyTemplate.parse(spec);
            templates.put(template.attribute(), template);
        }
        return DynamoItemOptions.defaults().withTypes(types).withInfer(infer)
                .withEmpty(emptyPolicy(file.emptyCellPolicy())).withKeyTemplates(templates);
    }

    DynamoConfig config(KeySchema key, Integer concurrency, Integer maxAttempts) {
        DynamoConfig defaults = DynamoConfig.defaults(table(), key);
        return new DynamoConfig(defaults.table(), key, WriteMode.parse(mode),
                concurrency == null ? defaults.concurrency() : concurrency, maxWcu,
                maxAttempts == null ? defaults.maxAttempts() : maxAttempts, defaults.baseBackoff(), defaults.maxBackoff());
    }

    /**
     * A client from the environment: region, endpoint and credentials. Credentials in the environment
     * the command runs with come first (as in the SDK's own chain), then the SDK's default chain.
     */
    DynamoDbClient client(Console console) {
        String endpoint = endpoint(console);
        String regionName = region(console);
        if (regionName == null && endpoint == null) {
            throw new IllegalArgumentException("no AWS region: set AWS_REGION or use --region");
        }
        // the JDK keeps 5 idle connections per host unless told otherwise; the sink runs --concurrency calls
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .apiCallAttemptTimeout(Duration.ofSeconds(30)))
                .region(Region.of(regionName == null ? "us-east-1" : regionName))
                .credentialsProvider(credentials(console));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** The endpoint override, or null for AWS's own. */
    String endpoint(Console console) {
        return endpointUrl != null ? endpointUrl
                : console.env("AWS_ENDPOINT_URL_DYNAMODB") != null ? console.env("AWS_ENDPOINT_URL_DYNAMODB")
                : console.env("AWS_ENDPOINT_URL");
    }

    String region(Console console) {
        return region != null ? region
                : console.env("AWS_REGION") != null ? console.env("AWS_REGION") : console.env("AWS_DEFAULT_REGION");
    }

    private static AwsCredentialsProvider credentials(Console console) {
        String id = console.env("AWS_ACCESS_KEY_ID");
        String secret = console.env("AWS_SECRET_ACCESS_KEY");
        String session = console.env("AWS_SESSION_TOKEN");
        if (id != null && secret != null) {
            return StaticCredentialsProvider.create(session == null ? AwsBasicCredentials.create(id, secret)
                    : AwsSessionCredentials.create(id, secret, session));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static EmptyPolicy emptyPolicy(String policy) {
        return switch (policy) {
            case "omit" -> EmptyPolicy.OMIT;
            case "null" -> EmptyPolicy.NULL;
            case "empty-string" -> EmptyPolicy.EMPTY_STRING;
            case "error" -> EmptyPolicy.ERROR;
            default -> throw new IllegalArgumentException("--empty-cells for DynamoDB is omit, null, empty-string or"
                    + " error, not '" + policy + "'");
        };
    }
}
