package dev.sluice.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.lambda.testing.CapturedLog;
import dev.sluice.lambda.testing.FakeLambda;
import dev.sluice.lambda.testing.FakeSns;
import dev.sluice.lambda.testing.LocalAws;
import dev.sluice.lambda.testing.S3Events;
import dev.sluice.lambda.testing.TestContext;
import dev.sluice.lambda.testing.UsersCsv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue handler run in this JVM with SQS events as Lambda's poller delivers them (loaded with
 * aws-lambda-java-tests), each message carrying an S3 event. S3Proxy, DynamoDB Local and the Braze
 * sandbox are real; Lambda Invoke and SNS Publish are fakes (no such servers here) reached through
 * the real SDK clients.
 */
class SqsEventHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalAws AWS = LocalAws.get();

    private final CapturedLog log = new CapturedLog();
    private String bucket;
    private String table;
    private BrazeSandbox braze;
    private FakeSns sns;
    private FakeLambda lambda;
    private S3EventHandler continuations;

    @BeforeEach
    void start() throws Exception {
        bucket = AWS.newBucket();
        table = AWS.newLedgerTable();
        braze = BrazeSandbox.start(SandboxConfig.defaults().withLatency(Duration.ofMillis(25)));
        sns = new FakeSns();
        lambda = new FakeLambda(() -> continuations, Duration.ofSeconds(4), log);
        continuations = new S3EventHandler(() -> env(2));
    }

    @AfterEach
    void stop() {
        lambda.close();
        sns.close();
        braze.close();
    }

    @Test
    void importsEachMessagesFileAndReportsOnlyTheMessagesToDeliverAgain() throws Exception {
        UsersCsv first = UsersCsv.of(300, 0);
        UsersCsv second = UsersCsv.of(200, 0, "v");
        String wrapped = JSON.writeValueAsString(Map.of("Type", "Notification",
                "Message", JSON.writeValueAsString(event("incoming/second.csv", second))));
        SQSEvent batch = batch(
                message("test", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + bucket + "\"}", 1),
                message("first", JSON.writeValueAsString(event("incoming/first.csv", first)), 1),
                message("via-sns", wrapped, 1),
                message("garbage", "this is not JSON", 1),
                message("missing", JSON.writeValueAsString(S3Events.put(bucket, "incoming/gone.csv", 10, "e")), 1));

        SQSBatchResponse response = new SqsEventHandler(() -> env(4)).handleRequest(batch,
                new TestContext(Duration.ofMinutes(1), log));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("garbage", "missing");
        assertThat(braze.stats().objectsAccepted()).isEqualTo(first.rows() + second.rows());
        assertThat(braze.stats().users()).isEqualTo(first.rows() + second.rows());
        List<FakeSns.Published> notes = sns.published();
        assertThat(notes).extracting(n -> n.message().get("fileName").asText())
                .containsExactly("incoming/first.csv", "incoming/second.csv");
        assertThat(notes).allMatch(n -> n.message().get("success").asBoolean());
        assertThat(log.lines()).contains("Message test is S3's test event; nothing to import");
        assertThat(lambda.invocations()).isEmpty();
    }

    @Test
    void aFailingFileIsAnnouncedOnlyOnItsLastDelivery() throws Exception {
        String body = JSON.writeValueAsString(S3Events.put(bucket, "incoming/gone.csv", 10, "e"));
        SqsEventHandler handler = new SqsEventHandler(() -> env(4));

        SQSBatchResponse early = handler.handleRequest(batch(message("m", body, 2)), new TestContext(Duration.ofMinutes(1), log));
        assertThat(early.getBatchItemFailures()).hasSize(1);
        assertThat(sns.published()).isEmpty();
        assertThat(log.count("Use the event below to continue processing the file:")).isEqualTo(1);

        SQSBatchResponse last = handler.handleRequest(batch(message("m", body, 3)), new TestContext(Duration.ofMinutes(1), log));
        assertThat(last.getBatchItemFailures()).hasSize(1);
        assertThat(sns.published()).hasSize(1);
        assertThat(sns.published().get(0).message().get("success").asBoolean()).isFalse();
        assertThat(sns.published().get(0).message().get("error").asText()).contains("no such object");
    }

    @Test
    void aFileLongerThanOneInvocationContinuesInTheImportFunction() throws Exception {
        UsersCsv csv = UsersCsv.of(40_000, 0);
        ObjectNode event = event("incoming/long.csv", csv);
        SQSEvent batch = batch(message("long", JSON.writeValueAsString(event), 1));

        SQSBatchResponse response = new SqsEventHandler(() -> env(2)).handleRequest(batch,
                new TestContext(Duration.ofSeconds(4), log));

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<FakeSns.Published> notes = sns.await(1, 120_000);
        lambda.awaitIdle(Duration.ofMinutes(1));
        assertThat(lambda.invocations()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.function()).isEqualTo(TestContext.FUNCTION_NAME);
            assertThat(i.failure()).isNull();
            assertThat(i.payload().get("Records")).isEqualTo(event.get("Records"));
        });
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).message().get("rowsRead").asLong()).isEqualTo(csv.rows());
        assertThat(braze.stats().objectsAccepted()).isEqualTo(csv.rows());
        assertThat(braze.stats().users()).isEqualTo(csv.rows());
    }

    @Test
    void refusesToStartWithoutAFunctionToContinueIn() {
        Map<String, String> env = env(4);
        env.remove("CONTINUE_FUNCTION");
        assertThatThrownBy(() -> new SqsEventHandler(() -> env)).hasMessageStartingWith("CONTINUE_FUNCTION is not set");
    }

    private ObjectNode event(String key, UsersCsv csv) {
        String etag = AWS.put(bucket, key, csv.bytes());
        return S3Events.put(bucket, key, csv.bytes().length, etag);
    }

    /** AWS's sample SQS event, its one message copied for each of {@code messages}. */
    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-batch.json");
        event.setRecords(new ArrayList<>(List.of(messages)));
        return event;
    }

    private static SQSEvent.SQSMessage message(String id, String body, int receiveCount) {
        SQSEvent.SQSMessage message = EventLoader.loadSQSEvent("events/sqs-batch.json").getRecords().get(0);
        message.setMessageId(id);
        message.setBody(body);
        Map<String, String> attributes = new HashMap<>(message.getAttributes());
        attributes.put("ApproximateReceiveCount", Integer.toString(receiveCount));
        message.setAttributes(attributes);
        return message;
    }

    private Map<String, String> env(int concurrency) {
        Map<String, String> env = new HashMap<>(AWS.env());
        env.put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint());
        env.put("BRAZE_API_URL", braze.url());
        env.put("BRAZE_API_KEY", braze.apiKey());
        env.put("LEDGER_TABLE", table);
        env.put("TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:sluice-imports");
        env.put("STOP_MARGIN_SECONDS", "1.5");
        env.put("BRAZE_CONCURRENCY", Integer.toString(concurrency));
        env.put("CONTINUE_FUNCTION", TestContext.FUNCTION_NAME);
        env.put("MAX_RECEIVES", "3");
        return env;
    }
}
