package dev.sluice.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.braze.sandbox.SandboxStats;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.lambda.ledger.DynamoLedger;
import dev.sluice.lambda.testing.CapturedLog;
import dev.sluice.lambda.testing.FakeLambda;
import dev.sluice.lambda.testing.FakeSns;
import dev.sluice.lambda.testing.LocalAws;
import dev.sluice.lambda.testing.S3Events;
import dev.sluice.lambda.testing.TestContext;
import dev.sluice.lambda.testing.UsersCsv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 event handler run in this JVM as Lambda runs it: a real S3 event, S3Proxy as the bucket,
 * DynamoDB Local as the ledger, the Braze sandbox as Braze; Lambda Invoke and SNS Publish are fakes
 * (no such servers exist here) reached through the real AWS SDK clients. Every invocation's context
 * runs out after a few seconds, so a large file needs a chain of continuations.
 */
class S3EventHandlerChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalAws AWS = LocalAws.get();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sluice-imports";
    private static final String KEY = "incoming/big users.csv";
    private static final Duration BUDGET = Duration.ofSeconds(4);

    private final CapturedLog log = new CapturedLog();
    private String bucket;
    private String table;
    private BrazeSandbox braze;
    private FakeSns sns;
    private FakeLambda lambda;
    private S3EventHandler handler;

    @BeforeEach
    void start() throws Exception {
        bucket = AWS.newBucket();
        table = AWS.newLedgerTable();
        // 25 ms per answer caps the import at concurrency × 75 / 25 ms, so 300k rows cannot fit in one budget
        braze = BrazeSandbox.start(SandboxConfig.defaults().withLatency(Duration.ofMillis(25)));
        sns = new FakeSns();
        lambda = new FakeLambda(() -> handler, BUDGET, log);
    }

    @AfterEach
    void stop() {
        lambda.close();
        sns.close();
        braze.close();
    }

    @Test
    void a300kRowFileIsImportedThroughAChainOfContinuationsWithEveryUserOnce() throws Exception {
        UsersCsv csv = UsersCsv.of(300_000, 30_000);
        ObjectNode event = put(csv);
        handler = new S3EventHandler(() -> env(8));

        JsonNode first = invoke(event, BUDGET);

        assertThat(first.at("/files/0/outcome").asText()).isEqualTo("continued");
        List<FakeSns.Published> notes = sns.await(1, 300_000);
        lambda.awaitIdle(Duration.ofMinutes(1));
        List<FakeLambda.Invocation> chain = lambda.invocations();
        assertThat(chain).allSatisfy(i -> assertThat(i.failure()).isNull());
        assertThat(chain).hasSizeGreaterThanOrEqualTo(2);
        System.out.println(csv.rows() + " rows imported in " + (1 + chain.size()) + " invocations");

        // every user arrived once, the header never
        SandboxStats stats = braze.stats();
        assertThat(stats.objectsAccepted()).isEqualTo(csv.validRows());
        assertThat(stats.users()).isEqualTo(csv.validRows());
        assertThat(braze.user("external_id")).isEmpty();
        assertThat(braze.user(UsersCsv.userId(1))).isPresent();
        assertThat(braze.user(UsersCsv.userId(299_999))).isPresent();

        // each continuation is the seed's shape: the original event plus offset and headers
        List<Long> offsets = new ArrayList<>();
        for (FakeLambda.Invocation invocation : chain) {
            assertThat(invocation.function()).isEqualTo(TestContext.FUNCTION_ARN);
            ObjectNode payload = invocation.payload();
            assertThat(fieldNames(payload)).containsExactly("Records", "offset", "headers");
            assertThat(payload.get("Records")).isEqualTo(event.get("Records"));
            assertThat(JSON.convertValue(payload.get("headers"), List.class)).isEqualTo(UsersCsv.HEADER);
            long offset = payload.get("offset").asLong();
            assertThat(csv.bytes()[(int) offset - 1]).as("offset %d starts a line", offset).isEqualTo((byte) '\n');
            offsets.add(offset);
        }
        assertThat(offsets).doesNotHaveDuplicates().allMatch(o -> o > 0 && o < csv.bytes().length);

        // one notification for the file, and the counts reconcile
        assertThat(notes).hasSize(1);
        JsonNode message = notes.get(0).message();
        assertThat(notes.get(0).topicArn()).isEqualTo(TOPIC);
        assertThat(message.get("success").asBoolean()).isTrue();
        assertThat(message.get("fileName").asText()).isEqualTo(KEY);
        assertThat(message.get("rowsRead").asLong()).isEqualTo(csv.rows());
        assertThat(message.get("usersProcessed").asLong()).isEqualTo(csv.validRows());
        assertThat(message.get("rejected").asLong()).isEqualTo(csv.brokenLines().size());
        JobRecord job = new DynamoLedger(AWS::dynamo, table).recent(1).get(0);
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.checkpoint().counts().reconciles()).isTrue();
        assertThat(job.checkpoint().offset()).isEqualTo(csv.bytes().length);

        // the rejected rows, kept in S3 across the invocations, each once and in order
        String rejectsKey = "rejects/incoming/big users.rejects.csv";
        assertThat(message.get("rejectsFile").asText()).isEqualTo("s3://" + bucket + "/" + rejectsKey);
        List<String> rejects = AWS.s3().getObjectAsBytes(b -> b.bucket(bucket).key(rejectsKey)).asUtf8String()
                .lines().toList();
        assertThat(rejects.get(0)).isEqualTo("line,column,reason,original");
        assertThat(rejects.subList(1, rejects.size())).extracting(l -> Long.parseLong(l.substring(0, l.indexOf(','))))
                .containsExactlyElementsOf(csv.brokenLines());
    }

    @Test
    void aFatalErrorLogsTheContinuationEventAndNotifiesOnceAndTheEventResumesTheFile() throws Exception {
        UsersCsv csv = UsersCsv.of(6_000, 0);
        ObjectNode event = put(csv);
        // one batch at a time, so the batches Braze accepted are exactly those before the refused one
        handler = new S3EventHandler(() -> env(1));
        braze.faults().afterRequests(20, Fault.status(401), 1_000_000);

        assertThatThrownBy(() -> invoke(event, Duration.ofMinutes(2)))
                .isInstanceOf(S3EventHandler.FileImportFailedException.class)
                .hasMessageContaining("401");

        String logged = log.lineAfter("Use the event below to continue processing the file:");
        assertThat(logged).as(log.toString()).isNotNull();
        ObjectNode continuation = (ObjectNode) JSON.readTree(logged);
        assertThat(continuation.get("Records")).isEqualTo(event.get("Records"));
        assertThat(JSON.convertValue(continuation.get("headers"), List.class)).isEqualTo(UsersCsv.HEADER);
        assertThat(continuation.get("offset").asLong()).isEqualTo(csv.offsetOfRow(20 * 75 + 1));
        assertThat(log.lines()).contains("Processed 1500 users");
        List<FakeSns.Published> notes = sns.published();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).message().get("success").asBoolean()).isFalse();
        assertThat(notes.get(0).message().get("usersProcessed").asLong()).isEqualTo(1500);
        assertThat(notes.get(0).message().get("error").asText()).contains("401");
        assertThat(notes.get(0).message().get("continuationEvent")).isEqualTo(continuation);
        assertThat(lambda.invocations()).isEmpty();

        // the person fixes the key and replays the logged event, as the seed's README says
        braze.faults().clear();
        JsonNode replayed = invoke(continuation, Duration.ofMinutes(2));

        assertThat(replayed.at("/files/0/outcome").asText()).isEqualTo("completed");
        assertThat(braze.stats().objectsAccepted()).isEqualTo(csv.rows());
        assertThat(braze.stats().users()).isEqualTo(csv.rows());
        assertThat(braze.user("external_id")).isEmpty();
        notes = sns.published();
        assertThat(notes).hasSize(2);
        assertThat(notes.get(1).message().get("success").asBoolean()).isTrue();
        assertThat(notes.get(1).message().get("rowsRead").asLong()).isEqualTo(csv.rows());
    }

    @Test
    void aSecondEventForACompletedFileSendsNothingAndAnnouncesNothing() throws Exception {
        UsersCsv csv = UsersCsv.of(500, 0);
        ObjectNode event = put(csv);
        handler = new S3EventHandler(() -> env(4));

        assertThat(invoke(event, Duration.ofMinutes(1)).at("/files/0/outcome").asText()).isEqualTo("completed");
        long requests = braze.stats().requests();
        JsonNode again = invoke(event, Duration.ofMinutes(1));

        assertThat(again.at("/files/0/outcome").asText()).isEqualTo("skipped");
        assertThat(again.at("/files/0/why").asText()).isEqualTo("already imported");
        assertThat(braze.stats().requests()).isEqualTo(requests);
        assertThat(sns.published()).hasSize(1);
    }

    private ObjectNode put(UsersCsv csv) {
        String etag = AWS.put(bucket, KEY, csv.bytes());
        return S3Events.put(bucket, KEY, csv.bytes().length, etag);
    }

    private JsonNode invoke(ObjectNode event, Duration budget) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(S3Events.bytes(event)), out, new TestContext(budget, log));
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> env(int concurrency) {
        Map<String, String> env = new HashMap<>(AWS.env());
        env.put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint());
        env.put("BRAZE_API_URL", braze.url());
        env.put("BRAZE_API_KEY", braze.apiKey());
        env.put("LEDGER_TABLE", table);
        env.put("TOPIC_ARN", TOPIC);
        env.put("STOP_MARGIN_SECONDS", "1.5");
        env.put("BRAZE_CONCURRENCY", Integer.toString(concurrency));
        return env;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
