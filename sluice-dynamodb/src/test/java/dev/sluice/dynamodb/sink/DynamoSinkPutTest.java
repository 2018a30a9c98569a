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
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.dynamodb.item.DynamoItem;
import dev.sluice.dynamodb.item.KeySchema;
import dev.sluice.dynamodb.item.KeySchema.KeyAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link WriteMode#PUT} against DynamoDB Local (embedded): BatchWriteItem per batch, duplicate keys
 * collapsed, refused items isolated by bisection, a missing table stops the job. The calls are
 * counted by {@link FaultyDynamoDb} with no fault configured: it only forwards and counts.
 */
class DynamoSinkPutTest {

    private final FaultyDynamoDb client = new FaultyDynamoDb(LocalDynamoDb.client());

    @Test
    void aThousandItemsAreFortyBatchWriteItemCallsAndEveryItemIsStoredWithItsContent() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> items = items("u", 1000);

        List<Outcome> outcomes;
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            outcomes = writeAll(sink, batches(items, 25));
            assertThat(sink.stats().requests()).isEqualTo(40);
            assertThat(sink.stats().retries()).isZero();
            assertThat(sink.consumedCapacityUnits()).isGreaterThanOrEqualTo(1000);
        }

        assertThat(outcomes).hasSize(1000).containsOnly(Outcome.ACCEPTED);
        assertThat(client.calls("BatchWriteItem")).isEqualTo(40);
        Map<String, Map<String, AttributeValue>> stored = byId(LocalDynamoDb.scan(table));
        assertThat(stored).hasSize(1000);
        for (DynamoItem item : items) {
            assertThat(stored.get(item.key().get("id").s())).isEqualTo(item.attributes());
        }
    }

    @Test
    void limitsAreTwentyFiveItemsAndSixteenMegabytesAndAnyBatchOfTwentyFiveIsOneCall() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            assertThat(sink.limits()).isEqualTo(new SinkLimits(25, 16L * 1024 * 1024));
            assertThat(sink.idempotent()).isTrue();
            assertThat(sink.maxInFlight()).isEqualTo(8);

            assertThat(await(sink.write(items("a", 25)))).hasSize(25).containsOnly(Outcome.ACCEPTED);
            assertThat(client.calls("BatchWriteItem")).isEqualTo(1);
        }
        assertThat(LocalDynamoDb.scan(table)).hasSize(25);
    }

    @Test
    void moreThanTwentyFiveItemsFromACallerOtherThanTheEngineAreSentTwentyFiveAtATime() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            assertThat(await(sink.write(items("b", 26)))).hasSize(26).containsOnly(Outcome.ACCEPTED);
        }
        assertThat(client.calls("BatchWriteItem")).isEqualTo(2);
        assertThat(LocalDynamoDb.scan(table)).hasSize(26);
    }

    @Test
    void anEmptyBatchCompletesWithNoOutcomesAndSendsNothing() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            assertThat(await(sink.write(List.of()))).isEmpty();
            assertThat(sink.stats().requests()).isZero();
        }
        assertThat(client.calls("BatchWriteItem")).isZero();
    }

    @Test
    void duplicateKeysInOneBatchAreCollapsedAndTheLastRowWins() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> batch = List.of(item("k1", "v", "a"), item("k2", "v", "x"), item("k1", "v", "b"));

        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            assertThat(await(sink.write(batch))).containsExactly(
                    new Outcome.Skipped("duplicate key in the batch: a later row of the file wins"),
                    Outcome.ACCEPTED, Outcome.ACCEPTED);
            assertThat(sink.duplicatesCollapsed()).isEqualTo(1);
        }

        assertThat(client.calls("BatchWriteItem")).isEqualTo(1);
        Map<String, Map<String, AttributeValue>> stored = byId(LocalDynamoDb.scan(table));
        assertThat(stored).hasSize(2);
        assertThat(stored.get("k1").get("v")).isEqualTo(s("b"));

        // why: DynamoDB refuses the whole batch when a key repeats
        List<WriteRequest> uncollapsed = batch.stream()
                .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i.attributes()).build()).build())
                .toList();
        assertThatThrownBy(() -> LocalDynamoDb.client().batchWriteItem(b -> b.requestItems(Map.of(table, uncollapsed))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Provided list of item keys contains duplicates");
    }

    @Test
    void onACompositeKeyOnlyRowsWithTheSamePartitionAndSortKeyAreDuplicates() {
        KeySchema key = new KeySchema(new KeyAttribute("pk", ScalarAttributeType.S),
                new KeyAttribute("sk", ScalarAttributeType.N));
        String table = LocalDynamoDb.newTable(key);
        List<DynamoItem> batch = List.of(
                composite("CUST#1", "1", "first"), composite("CUST#1", "2", "other"), composite("CUST#1", "1", "last"));

        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, key))) {
            assertThat(await(sink.write(batch))).extracting(o -> o.getClass().getSimpleName())
                    .containsExactly("Skipped", "Accepted", "Accepted");
        }
        assertThat(LocalDynamoDb.get(table, Map.of("pk", s("CUST#1"), "sk", n("1"))).get("v")).isEqualTo(s("last"));
        assertThat(LocalDynamoDb.scan(table)).hasSize(2);
    }

    @Test
    void aPoisonedItemIsIsolatedByBisectionAndTheOtherTwentyFourAreWritten() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> batch = new ArrayList<>(items("p", 25));
        batch.set(13, item("p0013", "score", n("1E+126"))); // DynamoDB: "Number overflow"

        List<Outcome> outcomes;
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            outcomes = await(sink.write(batch));
            assertThat(sink.stats().retries()).isZero(); // bisection is not retrying
        }

        assertThat(outcomes).hasSize(25);
        assertThat(outcomes.get(13)).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcomes.get(13)).reason())
                .isEqualTo("DynamoDB refused the item (ValidationException): Number overflow. Attempting to store a"
                        + " number with magnitude larger than supported range");
        List<Outcome> others = new ArrayList<>(outcomes);
        others.remove(13);
        assertThat(others).hasSize(24).containsOnly(Outcome.ACCEPTED);
        Map<String, Map<String, AttributeValue>> stored = byId(LocalDynamoDb.scan(table));
        assertThat(stored).hasSize(24).doesNotContainKey("p0013");
        assertThat(client.calls("BatchWriteItem")).isGreaterThan(1).isLessThanOrEqualTo(2 * 25 - 1);
    }

    @Test
    void severalBadItemsAreEachRejectedWithTheirOwnMessage() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> batch = new ArrayList<>(items("q", 25));
        batch.set(0, item(Map.of("id", n("7"), "v", s("wrong key type")), Map.of("id", n("7"))));
        batch.set(24, item("q0024", "big", "x".repeat(400 * 1024)));

        List<Outcome> outcomes;
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            outcomes = await(sink.write(batch));
        }

        assertThat(outcomes.get(0)).isEqualTo(new Outcome.Rejected(
                "DynamoDB refused the item (ValidationException): One or more parameter values were invalid:"
                        + " Type mismatch for key"));
        assertThat(((Outcome.Rejected) outcomes.get(24)).reason()).contains("Item size has exceeded");
        assertThat(outcomes.subList(1, 24)).containsOnly(Outcome.ACCEPTED);
        assertThat(LocalDynamoDb.scan(table)).hasSize(23);
    }

    @Test
    void putReplacesTheWholeItem() {
        String table = LocalDynamoDb.newTable(ID);
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults(table, ID))) {
            await(sink.write(List.of(item("r1", "a", "1", "b", "2", "created_at", "2024-01-01"))));
            await(sink.write(List.of(item("r1", "b", "3", "created_at", "2025-06-30"))));
        }
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("r1"))))
                .isEqualTo(Map.of("id", s("r1"), "b", s("3"), "created_at", s("2025-06-30")));
    }

    @Test
    void aMissingTableStopsTheJobAndSaysWhatToCheck() {
        try (DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults("no_such_table", ID))) {
            SinkStoppedException stop = stopped(sink.write(items("m", 3)));
            assertThat(stop.getMessage())
                    .contains("table 'no_such_table'")
                    .contains("was not found")
                    .contains("ResourceNotFoundException: Cannot do operations on a non-existent table")
                    .contains("region")
                    .contains("run the same command to resume");
            assertThat(sink.stats().requests()).isEqualTo(1);
            assertThat(sink.stats().retries()).isZero();
        }
    }

    @Test
    void aClosedSinkRefusesBatchesByStoppingTheJob() {
        DynamoSink sink = DynamoSink.open(client, DynamoConfig.defaults("closed_table", ID));
        sink.close();
        assertThat(stopped(sink.write(items("c", 1))).getMessage()).contains("closed");
        assertThat(client.calls("BatchWriteItem")).isZero();
    }

    private static DynamoItem composite(String pk, String sk, String v) {
        return item(Map.of("pk", s(pk), "sk", n(sk), "v", s(v)), Map.of("pk", s(pk), "sk", n(sk)));
    }
}
