package dev.sluice.dynamodb.sink;

import static dev.sluice.dynamodb.sink.SinkTestKit.ID;
import static dev.sluice.dynamodb.sink.SinkTestKit.await;
import static dev.sluice.dynamodb.sink.SinkTestKit.batches;
import static dev.sluice.dynamodb.sink.SinkTestKit.byId;
import static dev.sluice.dynamodb.sink.SinkTestKit.item;
import static dev.sluice.dynamodb.sink.SinkTestKit.items;
import static dev.sluice.dynamodb.sink.SinkTestKit.n;
import static dev.sluice.dynamodb.sink.SinkTestKit.s;
import static dev.sluice.dynamodb.sink.SinkTestKit.stopped;
import static dev.sluice.dynamodb.sink.SinkTestKit.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.dynamodb.item.DynamoItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link WriteMode#UPSERT}, {@link WriteMode#INSERT_ONLY} and {@link WriteMode#UPDATE_ONLY} against
 * DynamoDB Local (embedded): one UpdateItem or conditional PutItem per item, in item order.
 */
class DynamoSinkPerItemModesTest {

    private final FaultyDynamoDb client = new FaultyDynamoDb(LocalDynamoDb.client()); // counts, no faults

    private DynamoSink open(String table, WriteMode mode) {
        return DynamoSink.open(client, DynamoConfig.defaults(table, ID).withMode(mode));
    }

    @Test
    void perItemModesKeepTheBatchLimitsAndAreIdempotent() {
        for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.INSERT_ONLY, WriteMode.UPDATE_ONLY)) {
            try (DynamoSink sink = open("any_table", mode)) {
                assertThat(sink.limits()).isEqualTo(new SinkLimits(25, 16L * 1024 * 1024));
                assertThat(sink.idempotent()).isTrue();
            }
        }
    }

    @Test
    void upsertWritesReservedWordsSpacesDotsHashesAndColonsAsLiteralTopLevelNames() {
        String table = LocalDynamoDb.newTable(ID);
        DynamoItem awkward = item("w1", "name", "Ada", "status", "active", "date", "2024-02-29",
                "first name", "Ada L.", "address.city", "London", "#x", "hash", ":y", "colon", "#a0", "alias-like",
                "count", n("3"));

        try (DynamoSink sink = open(table, WriteMode.UPSERT)) {
            assertThat(await(sink.write(List.of(awkward)))).containsExactly(Outcome.ACCEPTED);
        }

        assertThat(LocalDynamoDb.get(table, Map.of("id", s("w1")))).isEqualTo(awkward.attributes());
        assertThat(client.calls("UpdateItem")).isEqualTo(1);

        // why the aliases: unaliased, DynamoDB refuses a reserved word
        assertThatThrownBy(() -> LocalDynamoDb.client().updateItem(b -> b.tableName(table)
                .key(Map.of("id", s("w1"))).updateExpression("SET name = :v")
                .expressionAttributeValues(Map.of(":v", s("Bob")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("reserved keyword: name");
    }

    @Test
    void theUpdateExpressionAliasesEveryNonKeyAttributeAndNeverSetsTheKey() {
        try (DynamoSink sink = open("expr_table", WriteMode.UPSERT)) {
            Map<String, String> aliases = new HashMap<>();
            UpdateItemRequest request = sink.updateRequest(item("e1", "b", "2", "a", "1"), aliases);
            assertThat(request.key()).isEqualTo(Map.of("id", s("e1")));
            assertThat(request.updateExpression()).isEqualTo("SET #a0 = :v0, #a1 = :v1");
            assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#a0", "a", "#a1", "b"));
            assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":v0", s("1"), ":v1", s("2")));
            assertThat(request.conditionExpression()).isNull();
        }
        try (DynamoSink sink = open("expr_table", WriteMode.UPDATE_ONLY)) {
            UpdateItemRequest request = sink.updateRequest(item("e1", "a", "1"), new HashMap<>());
            assertThat(request.conditionExpression()).isEqualTo("attribute_exists(#pk)");
            assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#a0", "a", "#pk", "id"));
        }
    }

    @Test
    void upsertKeepsTheAttributesItDoesNotSetWhilePutReplacesTheItem() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = open(table, WriteMode.UPSERT)) {
            await(sink.write(List.of(item("p1", "a", "1", "b", "2", "created_at", "2024-01-01"))));
            await(sink.write(List.of(item("p1", "b", "3"))));
        }
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("p1"))))
                .isEqualTo(Map.of("id", s("p1"), "a", s("1"), "b", s("3"), "created_at", s("2024-01-01")));

        try (DynamoSink put = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            await(put.write(List.of(item("p1", "b", "4"))));
        }
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("p1")))).isEqualTo(Map.of("id", s("p1"), "b", s("4")));
    }

    @Test
    void upsertOfAnItemWithOnlyItsKeyCreatesItOrLeavesItAlone() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = open(table, WriteMode.UPSERT)) {
            assertThat(await(sink.write(List.of(item("k1"))))).containsExactly(Outcome.ACCEPTED);
            await(sink.write(List.of(item("k2", "a", "1"))));
            assertThat(await(sink.write(List.of(item("k2"))))).containsExactly(Outcome.ACCEPTED);
        }
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("k1")))).isEqualTo(Map.of("id", s("k1")));
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("k2")))).isEqualTo(Map.of("id", s("k2"), "a", s("1")));
    }

    @Test
    void rowsOfOneKeyInOneBatchAreAppliedInOrder() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = open(table, WriteMode.UPSERT)) {
            assertThat(await(sink.write(List.of(item("o1", "v", "1", "first", "yes"), item("o1", "v", "2"),
                    item("o2", "v", "x"), item("o1", "v", "3")))))
                    .containsOnly(Outcome.ACCEPTED);
        }
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("o1"))))
                .isEqualTo(Map.of("id", s("o1"), "v", s("3"), "first", s("yes")));
    }

    @Test
    void insertOnlySecondRunSkipsEveryRowAndLeavesTheItemsAsTheyWere() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> first = items("i", 60);
        List<DynamoItem> second = first.stream()
                .map(i -> item(i.key().get("id").s(), "name", "changed", "extra", "new"))
                .toList();

        try (DynamoSink sink = open(table, WriteMode.INSERT_ONLY)) {
            assertThat(writeAll(sink, batches(first, 25))).hasSize(60).containsOnly(Outcome.ACCEPTED);
            assertThat(writeAll(sink, batches(second, 25))).hasSize(60)
                    .containsOnly(new Outcome.Skipped("already exists"));
            assertThat(sink.stats().requests()).isEqualTo(120);
        }

        assertThat(client.calls("PutItem")).isEqualTo(120);
        Map<String, Map<String, AttributeValue>> stored = byId(LocalDynamoDb.scan(table));
        assertThat(stored).hasSize(60);
        for (DynamoItem item : first) {
            assertThat(stored.get(item.key().get("id").s())).isEqualTo(item.attributes());
        }
    }

    @Test
    void updateOnlySkipsMissingItemsWithoutCreatingThemAndUpdatesExistingOnes() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink put = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            await(put.write(List.of(item("e1", "a", "1", "b", "2"))));
        }

        try (DynamoSink sink = open(table, WriteMode.UPDATE_ONLY)) {
            assertThat(await(sink.write(List.of(item("m1", "a", "x"), item("e1", "b", "3"), item("m2"),
                    item("m3", "a", "y")))))
                    .containsExactly(new Outcome.Skipped("does not exist"), Outcome.ACCEPTED,
                            new Outcome.Skipped("does not exist"), new Outcome.Skipped("does not exist"));
        }

        assertThat(LocalDynamoDb.scan(table)).hasSize(1);
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("e1"))))
                .isEqualTo(Map.of("id", s("e1"), "a", s("1"), "b", s("3")));
    }

    @Test
    void aRefusedItemIsRejectedAloneWithDynamoDbsMessageNamingTheAttributeBehindTheAlias() {
        String table = LocalDynamoDb.newTable(ID);
        List<Outcome> outcomes;
        try (DynamoSink sink = open(table, WriteMode.UPSERT)) {
            outcomes = await(sink.write(List.of(item("v1", "score", n("1")), item("v2", "score", n("1E+126")),
                    item("v3", "score", n("3")))));
        }

        assertThat(outcomes.get(0)).isEqualTo(Outcome.ACCEPTED);
        assertThat(outcomes.get(2)).isEqualTo(Outcome.ACCEPTED);
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.Rejected("DynamoDB refused the item (ValidationException):"
                + " ExpressionAttributeValues contains invalid value: Number overflow. Attempting to store a number"
                + " with magnitude larger than supported range for key :v0 [:v0 is attribute \"score\"]"));
        assertThat(byId(LocalDynamoDb.scan(table))).containsOnlyKeys("v1", "v3");
    }

    @Test
    void insertOnlyRejectsAnItemDynamoDbRefuses() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = open(table, WriteMode.INSERT_ONLY)) {
            List<Outcome> outcomes = await(sink.write(List.of(
                    item(Map.of("id", n("1")), Map.of("id", n("1"))), item("ok"))));
            assertThat(outcomes.get(0)).isInstanceOf(Outcome.Rejected.class);
            assertThat(((Outcome.Rejected) outcomes.get(0)).reason()).contains("Type mismatch for key");
            assertThat(outcomes.get(1)).isEqualTo(Outcome.ACCEPTED);
        }
    }

    @Test
    void aMissingTableStopsTheJobInEveryPerItemMode() {
        for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.INSERT_ONLY, WriteMode.UPDATE_ONLY)) {
            try (DynamoSink sink = open("missing_" + mode.name().toLowerCase(), mode)) {
                assertThat(stopped(sink.write(items("x", 2))).getMessage())
                        .contains("table 'missing_" + mode.name().toLowerCase() + "' was not found");
                assertThat(sink.stats().requests()).isEqualTo(1);
            }
        }
    }
}
