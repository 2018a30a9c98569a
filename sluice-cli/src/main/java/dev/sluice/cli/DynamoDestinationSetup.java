package dev.sluice.cli;

import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.core.engine.TransformFactory;
import dev.sluice.dynamodb.item.DynamoItem;
import dev.sluice.dynamodb.item.DynamoItemOptions;
import dev.sluice.dynamodb.item.DynamoItems;
import dev.sluice.dynamodb.item.KeySchema;
import dev.sluice.dynamodb.sink.DynamoConfig;
import dev.sluice.dynamodb.sink.DynamoSink;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB for the CLI: a client from the environment, the table's key schema read once. */
final class DynamoDestinationSetup implements Destination<DynamoItem> {
    private static final int KB = 1024;

    private final DynamoDbClient client;
    private final DynamoItemOptions itemOptions;
    private final KeySchema key;
    private final DynamoConfig config;
    private final String where;

    private DynamoDestinationSetup(DynamoDbClient client, DynamoItemOptions itemOptions, KeySchema key,
            DynamoConfig config, String where) {
        this.client = client;
        this.itemOptions = itemOptions;
        this.key = key;
        this.config = config;
        this.where = where;
    }

    static DynamoDestinationSetup open(Console console, FileOptions file, DynamoOptions options, Integer concurrency,
            Integer maxAttempts) {
        DynamoItemOptions itemOptions = options.itemOptions(file);
        String table = options.table();
        AwsClientSettings settings = options.settings(console);
        DynamoDbClient client = options.client(settings);
        try {
            KeySchema key = DynamoItems.describe(client, table);
            String where = settings.endpoint() != null ? settings.endpoint().toString() : "region " + settings.region();
            return new DynamoDestinationSetup(client, itemOptions, key, options.config(key, concurrency, maxAttempts),
                    where);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String id() {
        return "dynamodb " + where + " table:" + config.table() + " mode:" + config.mode();
    }

    @Override
    public String describe() {
        return "DynamoDB table " + config.table() + " (" + where + ", " + config.mode().name().toLowerCase() + ")";
    }

    @Override
    public TransformFactory<DynamoItem> transforms() {
        return header -> DynamoItems.prepare(header, key, itemOptions);
    }

    @Override
    public Sink<DynamoItem> sink() {
        return DynamoSink.open(client, config);
    }

    @Override
    public SinkLimits limits() {
        return DynamoSink.LIMITS;
    }

    /** Write capacity units: each item rounded up to 1 KB (batching saves calls, not units). */
    @Override
    public long cost(DynamoItem item) {
        return (item.sizeBytes() + KB - 1) / KB;
    }

    @Override
    public String costUnit() {
        return "write capacity units";
    }

    @Override
    public void close() {
        client.close();
    }
}
