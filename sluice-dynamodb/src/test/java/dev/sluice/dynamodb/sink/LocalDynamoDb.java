package dev.sluice.dynamodb.sink;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.sluice.dynamodb.item.KeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * One DynamoDB Local 2.6.1 (embedded, in memory, no HTTP) for every test class of the package,
 * started on first use and shut down when the test JVM exits; each test makes its own table.
 */
final class LocalDynamoDb {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient client;

    private LocalDynamoDb() {
    }

    static synchronized DynamoDbClient client() {
        if (client == null) {
            local = DynamoDBEmbedded.create();
            client = local.dynamoDbClient();
            AmazonDynamoDBLocal started = local;
            Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "dynamodb-local-shutdown"));
        }
        return client;
    }

    /** A new, empty on-demand table with this key. */
    static String newTable(KeySchema key) {
        String name = "sink_test_" + TABLES.incrementAndGet();
        List<KeySchemaElement> schema = new ArrayList<>();
        List<AttributeDefinition> definitions = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(key.partition().name()).keyType(KeyType.HASH).build());
        definitions.add(AttributeDefinition.builder().attributeName(key.partition().name())
                .attributeType(key.partition().type()).build());
        if (key.sort() != null) {
            schema.add(KeySchemaElement.builder().attributeName(key.sort().name()).keyType(KeyType.RANGE).build());
            definitions.add(AttributeDefinition.builder().attributeName(key.sort().name())
                    .attributeType(key.sort().type()).build());
        }
        client().createTable(b -> b.tableName(name).keySchema(schema).attributeDefinitions(definitions)
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    /** Every item of the table, through paginated scans (Local pages at 1 MB like the service). */
    static List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client().scanPaginator(ScanRequest.builder().tableName(table).build()).items().forEach(items::add);
        return items;
    }

    /** The item with this key, or an empty map. */
    static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        var response = client().getItem(b -> b.tableName(table).key(key).consistentRead(true));
        return response.hasItem() ? response.item() : Map.of();
    }
}
