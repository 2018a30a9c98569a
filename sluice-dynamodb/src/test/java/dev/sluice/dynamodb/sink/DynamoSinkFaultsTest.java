package dev.sluice.dynamodb.sink;

import static dev.sluice.dynamodb.sink.SinkTestKit.ID;
import static dev.sluice.dynamodb.sink.SinkTestKit.await;
import static dev.sluice.dynamodb.sink.SinkTestKit.batches;
import static dev.sluice.dynamodb.sink.SinkTestKit.byId;
import static dev.sluice.dynamodb.sink.SinkTestKit.item;
import static dev.sluice.dynamodb.sink.SinkTestKit.items;
import static dev.sluice.dynamodb.sink.SinkTestKit.s;
import static dev.sluice.dynamodb.sink.SinkTestKit.sink;
import static dev.sluice.dynamodb.sink.SinkTestKit.stopped;
import static dev.sluice.dynamodb.sink.SinkTestKit.writeAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.dynamodb.item.DynamoItem;
import dev.sluice.dynamodb.sink.SinkTestKit.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Throttling, unprocessed items, 5xx, network failures and refused credentials. DynamoDB Local never
 * throttles and never returns UnprocessedItems, so these tests use a FAKE: {@link FaultyDynamoDb}, a
 * client that wraps DynamoDB Local, holds back some items of a BatchWriteItem as UnprocessedItems
 * (not writing them) or throws the exception DynamoDB or the SDK would, and forwards everything else
 * to Local. What is written is read back from Local.
 *
 * <p>No test sleeps: the sink's waits go to a {@link RecordingSleeper}, with the jitter fixed at its
 * largest so each wait is its ceiling (base 50 ms: 100, 200, 400 ms…).
 */
class DynamoSinkFaultsTest {

    private final FaultyDynamoDb client = new FaultyDynamoDb(LocalDynamoDb.client());
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @Test
    void unprocessedItemsAreSentAgainOnlyThemWithGrowingBackoffUntilAllAreWrittenOnce() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> items = items("u", 100);
        client.unprocessed(10, 3); // the last 10 of every call come back unprocessed, each 3 times

        List<Outcome> outcomes;
        try (DynamoSink sink = sink(client, DynamoConfig.defaults(table, ID).withConcurrency(4), sleeper)) {
            outcomes = writeAll(sink, batches(items, 25));
            assertThat(sink.stats().requests()).isEqualTo(16); // per batch: 25, then 10 three times
            assertThat(sink.stats().retries()).isEqualTo(12);
            assertThat(sink.throttles()).isEqualTo(12);
        }

        assertThat(outcomes).hasSize(100).containsOnly(Outcome.ACCEPTED);
        assertThat(client.calls("BatchWriteItem")).isEqualTo(16);
        assertThat(sleeper.waits()).containsExactlyInAnyOrder(
                ms(100), ms(100), ms(100), ms(100), ms(200), ms(200), ms(200), ms(200),
                ms(400), ms(400), ms(400), ms(400));
        // every item reached the table exactly once, with its own content
        List<Map<String, AttributeValue>> forwarded = client.forwarded();
        assertThat(forwarded).hasSize(100).doesNotHaveDuplicates();
        Map<String, Map<String, AttributeValue>> stored = byId(LocalDynamoDb.scan(table));
        assertThat(stored).hasSize(100);
        for (DynamoItem item : items) {
            assertThat(stored.get(item.key().get("id").s())).isEqualTo(item.attributes());
        }
    }

    @Test
    void unprocessedItemsThatNeverGoThroughStopTheJobInsteadOfCountingTheBatchDone() {
        String table = LocalDynamoDb.newTable(ID);
        client.unprocessed(10, Integer.MAX_VALUE);

        try (DynamoSink sink = sink(client, DynamoConfig.defaults(table, ID).withMaxAttempts(3), sleeper)) {
            SinkStoppedException stop = stopped(sink.write(items("x", 25)));
            assertThat(stop.getMessage())
                    .contains("DynamoDB kept throttling BatchWriteItem on table '" + table + "'")
                    .contains("10 items still unwritten after 3 attempts")
                    .contains("10 of 10 items came back unprocessed")
                    .contains("--concurrency")
                    .contains("The job stopped at its checkpoint")
                    .contains("run the same command to resume");
            assertThat(sink.stats().requests()).isEqualTo(3);
            assertThat(sink.stats().retries()).isEqualTo(2);
        }
        assertThat(sleeper.waits()).containsExactly(ms(100), ms(200));
        assertThat(LocalDynamoDb.scan(table)).hasSize(15); // written, but the batch is not reported done
    }

    @Test
    void throttlingExceptionsOnThirtyPercentOfCallsAreRetriedAndEveryRowIsWritten() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> items = items("t", 1000);
        client.failing(call -> switch (call % 10) {
            case 1 -> FaultyDynamoDb.provisionedThroughputExceeded();
            case 4 -> FaultyDynamoDb.throttling();
            case 7 -> FaultyDynamoDb.requestLimitExceeded();
            default -> null;
        });

        List<Outcome> outcomes;
        try (DynamoSink sink = sink(client, DynamoConfig.defaults(table, ID), sleeper)) {
            outcomes = writeAll(sink, batches(items, 25));
            assertThat(client.failures()).isGreaterThanOrEqualTo(12);
            assertThat(sink.stats().retries()).isEqualTo(client.failures());
            assertThat(sink.throttles()).isEqualTo(client.failures());
            assertThat(sink.stats().requests()).isEqualTo(40 + client.failures());
        }

        assertThat(outcomes).hasSize(1000).containsOnly(Outcome.ACCEPTED);
        assertThat(client.forwarded()).hasSize(1000).doesNotHaveDuplicates();
        Map<String, Map<String, AttributeValue>> stored = byId(LocalDynamoDb.scan(table));
        assertThat(stored).hasSize(1000);
        for (DynamoItem item : items) {
            assertThat(stored.get(item.key().get("id").s())).isEqualTo(item.attributes());
        }
    }

    @Test
    void throttlingThatDoesNotStopStopsTheJobAfterTheLastAttempt() {
        String table = LocalDynamoDb.newTable(ID);
        client.failing(call -> FaultyDynamoDb.throttling());

        try (DynamoSink sink = sink(client, DynamoConfig.defaults(table, ID).withMaxAttempts(4), sleeper)) {
            SinkStoppedException stop = stopped(sink.write(items("y", 25)));
            assertThat(stop.getMessage())
                    .contains("DynamoDB kept throttling BatchWriteItem")
                    .contains("25 items still unwritten after 4 attempts")
                    .contains("ThrottlingException: Throughput exceeds the current capacity");
            assertThat(stop.getCause()).isInstanceOf(SdkException.class);
            assertThat(sink.stats().requests()).isEqualTo(4);
            assertThat(sink.stats().retries()).isEqualTo(3);
        }
        assertThat(sleeper.waits()).containsExactly(ms(100), ms(200), ms(400));
        assertThat(LocalDynamoDb.scan(table)).isEmpty();
    }

    @Test
    void serverErrorsAndNetworkFailuresAreRetried() {
        String table = LocalDynamoDb.newTable(ID);
        client.failing(call -> switch (call) {
            case 1 -> FaultyDynamoDb.internalServerError();
            case 2 -> FaultyDynamoDb.connectionReset();
            default -> null;
        });

        try (DynamoSink sink = sink(client, DynamoConfig.defaults(table, ID), sleeper)) {
            assertThat(await(sink.write(items("s", 25)))).hasSize(25).containsOnly(Outcome.ACCEPTED);
            assertThat(sink.stats().retries()).isEqualTo(2);
            assertThat(sink.throttles()).isZero();
        }
        assertThat(LocalDynamoDb.scan(table)).hasSize(25);
    }

    @Test
    void perItemModesRetryAThrottledCallAndKeepTheRowsInOrder() {
        String table = LocalDynamoDb.newTable(ID);
        client.failing(call -> call % 2 == 1 ? FaultyDynamoDb.provisionedThroughputExceeded() : null);

        try (DynamoSink sink = sink(client, DynamoConfig.defaults(table, ID).withMode(WriteMode.UPSERT), sleeper)) {
            assertThat(await(sink.write(List.of(item("o1", "v", "1"), item("o1", "v", "2"), item("o1", "v", "3")))))
                    .containsOnly(Outcome.ACCEPTED);
            assertThat(sink.stats().requests()).isEqualTo(6);
            assertThat(sink.stats().retries()).isEqualTo(3);
        }
        assertThat(client.calls("UpdateItem")).isEqualTo(6);
        assertThat(LocalDynamoDb.get(table, Map.of("id", s("o1")))).isEqualTo(Map.of("id", s("o1"), "v", s("3")));
        assertThat(sleeper.waits()).containsExactly(ms(100), ms(100), ms(100));
    }

    @Test
    void perItemModesStopWhenAnItemsAttemptsRunOut() {
        String table = LocalDynamoDb.newTable(ID);
        client.failing(call -> call > 1 ? FaultyDynamoDb.throttling() : null);

        try (DynamoSink sink = sink(client,
                DynamoConfig.defaults(table, ID).withMode(WriteMode.INSERT_ONLY).withMaxAttempts(2), sleeper)) {
            SinkStoppedException stop = stopped(sink.write(List.of(item("a1"), item("a2"), item("a3"))));
            assertThat(stop.getMessage()).contains("DynamoDB kept throttling PutItem")
                    .contains("1 item still unwritten after 2 attempts");
        }
        // the first row was written; the batch as a whole is not counted, and a resumed run skips it
        assertThat(byId(LocalDynamoDb.scan(table))).containsOnlyKeys("a1");
    }

    @Test
    void refusedCredentialsStopAtOnceWithAHintAndDynamoDbsMessage() {
        client.failing(call -> FaultyDynamoDb.unrecognizedClient());
        try (DynamoSink sink = sink(client, DynamoConfig.defaults("creds_table", ID), sleeper)) {
            SinkStoppedException stop = stopped(sink.write(items("c", 3)));
            assertThat(stop.getMessage())
                    .contains("DynamoDB refused BatchWriteItem on table 'creds_table'")
                    .contains("UnrecognizedClientException: The security token included in the request is invalid.")
                    .contains("Check the AWS credentials")
                    .contains("run the same command to resume");
            assertThat(sink.stats().requests()).isEqualTo(1);
        }
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aMissingPermissionStopsAtOnceAndNamesThePermission() {
        client.failing(call -> FaultyDynamoDb.accessDenied());
        try (DynamoSink sink = sink(client, DynamoConfig.defaults("perm_table", ID).withMode(WriteMode.UPSERT),
                sleeper)) {
            assertThat(stopped(sink.write(items("c", 3))).getMessage())
                    .contains("AccessDeniedException: User: arn:aws:iam::123456789012:user/loader is not authorized")
                    .contains("needs the dynamodb:UpdateItem permission");
        }
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void noCredentialsAtAllIsNotRetried() {
        client.failing(call -> FaultyDynamoDb.noCredentials());
        try (DynamoSink sink = sink(client, DynamoConfig.defaults("nocreds_table", ID), sleeper)) {
            assertThat(stopped(sink.write(items("c", 3))).getMessage())
                    .contains("could not call DynamoDB BatchWriteItem on table 'nocreds_table'")
                    .contains("Unable to load credentials")
                    .contains("Configure AWS credentials");
            assertThat(sink.stats().requests()).isEqualTo(1);
        }
    }

    @Test
    void theWcuCapMakesBatchesWaitOnceTheFirstSecondsBudgetIsSpent() {
        String table = LocalDynamoDb.newTable(ID);
        List<DynamoItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(item(String.format("w%03d", i), "pad", "x".repeat(1500))); // 2 WCU each: 50 per batch
        }
        long[] frozen = {0};
        DynamoConfig config = DynamoConfig.defaults(table, ID).withConcurrency(1).withMaxWcuPerSecond(100);

        try (DynamoSink sink = DynamoSink.open(client, config, sleeper, () -> frozen[0], () -> 1.0)) {
            assertThat(writeAll(sink, batches(items, 25))).hasSize(100).containsOnly(Outcome.ACCEPTED);
        }
        // a full bucket of 100 pays for two batches; with the clock standing still the next two owe 50 and 100
        assertThat(sleeper.waits()).containsExactly(ms(500), ms(1000));
        assertThat(LocalDynamoDb.scan(table)).hasSize(100);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
