package dev.sluice.dynamodb.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.sluice.core.engine.PreparedTransform;
import dev.sluice.core.engine.TransformResult;
import dev.sluice.core.record.Header;
import dev.sluice.core.record.Position;
import dev.sluice.core.typing.TypingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Against DynamoDB Local 2.6.1, embedded: the key schema read back, and the items we make accepted as typed. */
class DynamoItemsLocalTest {

    static AmazonDynamoDBLocal local;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        local = DynamoDBEmbedded.create();
        client = local.dynamoDbClient();
        createTable("customers", "customer_id", ScalarAttributeType.S, null, null);
        createTable("orders", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.shutdown();
        }
    }

    static void createTable(String name, String pk, ScalarAttributeType pkType, String sk, ScalarAttributeType skType) {
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> definitions = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(pk).keyType(KeyType.HASH).build());
        definitions.add(AttributeDefinition.builder().attributeName(pk).attributeType(pkType).build());
        if (sk != null) {
            keys.add(KeySchemaElement.builder().attributeName(sk).keyType(KeyType.RANGE).build());
            definitions.add(AttributeDefinition.builder().attributeName(sk).attributeType(skType).build());
        }
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(keys)
                .attributeDefinitions(definitions));
    }

    static DynamoItem item(PreparedTransform<DynamoItem> p, String... cells) {
        TransformResult<DynamoItem> r;
        try {
            r = p.transform().apply(p.typer().type(cells, new Position(2, 0, 1)));
        } catch (TypingException e) {
            throw new AssertionError(e);
        }
        assertThat(r).isInstanceOf(TransformResult.Emit.class);
        return ((TransformResult.Emit<DynamoItem>) r).item();
    }

    static void put(String table, Map<String, AttributeValue> attributes) {
        client.putItem(b -> b.tableName(table).item(attributes));
    }

    static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return client.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    }

    @Test
    void describesAHashOnlyTable() {
        KeySchema key = DynamoItems.describe(client, "customers");
        assertThat(key.partition()).isEqualTo(new KeySchema.KeyAttribute("customer_id", ScalarAttributeType.S));
        assertThat(key.sort()).isNull();
    }

    @Test
    void describesACompositeTable() {
        KeySchema key = DynamoItems.describe(client, "orders");
        assertThat(key.partition()).isEqualTo(new KeySchema.KeyAttribute("pk", ScalarAttributeType.S));
        assertThat(key.sort()).isEqualTo(new KeySchema.KeyAttribute("sk", ScalarAttributeType.N));
    }

    @Test
    void aMissingTableIsAClearError() {
        assertThatThrownBy(() -> DynamoItems.describe(client, "no_such_table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("table 'no_such_table' does not exist in ");
        assertThatThrownBy(() -> DynamoItems.describe(client, "ab"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 to 255");
        assertThatThrownBy(() -> DynamoItems.describe(client, "bad name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-z");
    }

    @Test
    void itemsRoundTripWithTheirTypes() {
        KeySchema key = DynamoItems.describe(client, "customers");
        Header header = Header.of(List.of("customer_id", "name", "age", "zip", "prefs", "tags", "scores", "active", "note"));
        DynamoItemOptions options = DynamoItemOptions.defaults().withInfer(true)
                .withTypes(Map.of("prefs", DynamoType.JSON, "tags", DynamoType.SS, "scores", DynamoType.NS));
        PreparedTransform<DynamoItem> p = DynamoItems.prepare(header, key, options);
        DynamoItem item = item(p, "123456", "John Smith", "34", "02134",
                "{\"colour\":\"blue\",\"sizes\":[9,9.5],\"vip\":true,\"ref\":null}", "a|a|b", "1|1.0|2.50", "TRUE", "");
        put("customers", item.attributes());

        Map<String, AttributeValue> stored = get("customers", item.key());
        assertThat(stored.get("customer_id")).isEqualTo(AttributeValue.fromS("123456"));
        assertThat(stored.get("age")).isEqualTo(AttributeValue.fromN("34"));
        assertThat(stored.get("zip")).isEqualTo(AttributeValue.fromS("02134"));
        assertThat(stored.get("active")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(stored.get("prefs").m()).containsOnly(
                Map.entry("colour", AttributeValue.fromS("blue")),
                Map.entry("sizes", AttributeValue.fromL(List.of(AttributeValue.fromN("9"), AttributeValue.fromN("9.5")))),
                Map.entry("vip", AttributeValue.fromBool(true)),
                Map.entry("ref", AttributeValue.fromNul(true)));
        assertThat(stored.get("tags").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(stored.get("scores").ns()).containsExactlyInAnyOrder("1", "2.5");
        assertThat(stored).doesNotContainKey("note");
    }

    @Test
    void compositeTemplatedKeysRoundTrip() {
        KeySchema key = DynamoItems.describe(client, "orders");
        DynamoItemOptions options = DynamoItemOptions.defaults()
                .withKeyTemplate(KeyTemplate.parse("pk=CUST#{customer_id}"))
                .withTypes(Map.of("total", DynamoType.N));
        Header header = Header.of(List.of("customer_id", "sk", "total"));
        PreparedTransform<DynamoItem> p = DynamoItems.prepare(header, key, options);
        DynamoItem item = item(p, "123", "00012.3400", "1e5");
        put("orders", item.attributes());
        Map<String, AttributeValue> stored = get("orders",
                Map.of("pk", AttributeValue.fromS("CUST#123"), "sk", AttributeValue.fromN("12.34")));
        assertThat(stored.get("customer_id")).isEqualTo(AttributeValue.fromS("123"));
        assertThat(stored.get("total")).isEqualTo(AttributeValue.fromN("100000"));
        assertThat(item(p, "123", "12.34", "1").orderingKey()).isEqualTo(item.orderingKey());
    }

    @Test
    void keysAtTheLimitsAreAccepted() {
        KeySchema key = DynamoItems.describe(client, "customers");
        PreparedTransform<DynamoItem> p = DynamoItems.prepare(Header.of(List.of("customer_id")), key,
                DynamoItemOptions.defaults());
        DynamoItem item = item(p, "é".repeat(1024));
        put("customers", item.attributes());
        assertThat(get("customers", item.key())).containsKey("customer_id");
        Map<String, AttributeValue> tooLong = Map.of("customer_id", AttributeValue.fromS("é".repeat(1024) + "x"));
        assertThatThrownBy(() -> put("customers", tooLong)).isInstanceOf(DynamoDbException.class);
    }

    /**
     * Our size, byte for byte, is DynamoDB Local's: an item we size at exactly 409,600 bytes is
     * accepted, and the same item one byte larger is refused by Local as by us. The JSON list mixes
     * numbers of several shapes so that the number sizes are checked too.
     */
    @Test
    void ourSizeLimitIsDynamoDbsSizeLimit() {
        KeySchema key = DynamoItems.describe(client, "customers");
        PreparedTransform<DynamoItem> p = DynamoItems.prepare(Header.of(List.of("customer_id", "doc")), key,
                DynamoItemOptions.defaults().withTypes(Map.of("doc", DynamoType.JSON)));
        String[] shapes = {"-7", "1000.001", "0.001", "123456", "1.5", "12345678901234567890", "-0.25", "1e5", "100", "7",
                "-123.456e-7", "0"};
        StringBuilder numbers = new StringBuilder("[");
        for (int i = 0; i < 4_000; i++) {
            for (String n : shapes) {
                numbers.append(n).append(',');
            }
        }
        String prefix = numbers.toString();
        int padding = 409_600 - item(p, "s0", prefix + "\"\"]").sizeBytes();
        assertThat(padding).isPositive();

        DynamoItem atLimit = item(p, "s0", prefix + "\"" + "x".repeat(padding) + "\"]");
        assertThat(atLimit.sizeBytes()).isEqualTo(409_600);
        put("customers", atLimit.attributes());
        assertThat(get("customers", atLimit.key()).get("doc").l()).hasSize(shapes.length * 4_000 + 1);

        TransformResult<DynamoItem> over;
        try {
            over = p.transform().apply(p.typer().type(new String[] {"s1", prefix + "\"" + "x".repeat(padding + 1) + "\"]"},
                    new Position(2, 0, 1)));
        } catch (TypingException e) {
            throw new AssertionError(e);
        }
        assertThat(over).isInstanceOf(TransformResult.Reject.class);
        assertThat(((TransformResult.Reject<DynamoItem>) over).rejection().reason()).startsWith("item is 409601 bytes");

        // the same item, one byte larger, built without our check: DynamoDB Local refuses it too
        Map<String, AttributeValue> larger = new HashMap<>(atLimit.attributes());
        larger.put("customer_id", AttributeValue.fromS("s1"));
        List<AttributeValue> list = new ArrayList<>(atLimit.attributes().get("doc").l());
        list.set(list.size() - 1, AttributeValue.fromS("x".repeat(padding + 1)));
        larger.put("doc", AttributeValue.fromL(list));
        assertThatThrownBy(() -> put("customers", larger)).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Item size has exceeded the maximum allowed size");
    }
}
