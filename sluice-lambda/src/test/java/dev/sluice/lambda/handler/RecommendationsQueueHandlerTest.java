package dev.sluice.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.lambda.runtime.RecommendationsRuntime;
import dev.sluice.lambda.runtime.SnapStartRuntime;
import dev.sluice.lambda.testing.CapturedLog;
import dev.sluice.lambda.testing.EventSourceMapping;
import dev.sluice.lambda.testing.TestContext;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.queue.BrazeQueueConsumer;
import dev.sluice.personalize.queue.OutputEnqueuer;
import dev.sluice.testkit.SqsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The recommendations queue handler in this JVM between ElasticMQ (a queue with a real redrive policy
 * to a dead-letter queue, maxReceiveCount 5 as in template.yaml) and the Braze sandbox, with rows put
 * on the queue by the connector's own {@link OutputEnqueuer} (spec §14 cases 18–19). Lambda's poller
 * is {@link EventSourceMapping}: receive, invoke, delete what the answer does not name.
 */
class RecommendationsQueueHandlerTest {
    @RegisterExtension
    static final SqsServer SQS = new SqsServer();
    private static final int MAX_RECEIVES = 5;
    private static final String RUN = "output/braze/year=2022/month=06/day=06/time=115819/part-00000.json";
    private static final Duration WAIT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final CapturedLog log = new CapturedLog();
    private BrazeSandbox braze;
    private String queue;
    private String deadLetters;

    @BeforeEach
    void start() {
        braze = BrazeSandbox.start();
        deadLetters = SQS.newQueue("recommendations-dlq");
        // a one-second visibility timeout, so a message reported as failed comes back within the test
        queue = SQS.newQueue("recommendations", Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + MAX_RECEIVES
                        + "\",\"deadLetterTargetArn\":\"" + SQS.arn(deadLetters) + "\"}"));
    }

    @AfterEach
    void stop() {
        braze.close();
    }

    @Test
    void enqueuedRowsGoToBrazeSeventyFiveARequestAndLeaveTheQueue() throws Exception {
        enqueue(users(120));
        EventSourceMapping lambda = new EventSourceMapping(SQS.client(), queue, 120);

        SQSBatchResponse response = lambda.poll(handler(env()), context(), WAIT);

        assertThat(lambda.lastEvent().getRecords()).hasSize(120);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(braze.stats().requests()).isEqualTo(2);
        assertThat(braze.stats().objectsAccepted()).isEqualTo(120);
        assertThat(braze.user("u7")).hasValueSatisfying(user -> {
            assertThat(user).containsEntry("segment", "spring");
            List<?> items = (List<?>) user.get("recs_recommendations");
            assertThat(items).extracting(item -> (Object) ((Map<?, ?>) item).get("itemId")).containsExactly("i1", "i2");
        });
        assertThat(log.lines()).contains("120 messages: 120 delivered, 0 skipped (no recommendations), 0 refused,"
                + " 0 to deliver again");
        assertThat(inQueue(queue)).isZero();
        assertThat(inQueue(deadLetters)).isZero();
    }

    @Test
    void whenTheSecondRequestKeepsFailingItsFortyFiveMessagesComeBackAndAreSentOnce() {
        enqueue(users(120));
        // request 1 (75 rows) succeeds; request 2 (the other 45) fails all its 3 attempts
        braze.faults().afterRequests(1, Fault.status(500), 3);
        EventSourceMapping lambda = new EventSourceMapping(SQS.client(), queue, 120);
        RecommendationsQueueHandler handler = handler(env());

        SQSBatchResponse first = lambda.poll(handler, context(), WAIT);
        assertThat(first.getBatchItemFailures()).hasSize(45);
        assertThat(braze.stats().objectsAccepted()).isEqualTo(75);
        assertThat(braze.stats().status(500)).isEqualTo(3);

        SQSBatchResponse again = lambda.poll(handler, context(), WAIT);
        assertThat(lambda.lastEvent().getRecords()).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactlyInAnyOrderElementsOf(first.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertThat(lambda.lastEvent().getRecords()).allMatch(m -> m.getAttributes().get("ApproximateReceiveCount")
                .equals("2"));
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(braze.stats().objectsAccepted()).as("every user once").isEqualTo(120);
        assertThat(braze.stats().requests()).isEqualTo(1 + 3 + 1);
        assertThat(inQueue(queue)).isZero();
    }

    @Test
    void whenBrazeAnswers500EveryTimeTheMessagesComeBackFiveTimesThenRestInTheDeadLetterQueue() {
        List<String> rows = users(3);
        enqueue(rows);
        braze.faults().always(Fault.status(500));
        EventSourceMapping lambda = new EventSourceMapping(SQS.client(), queue, 10);
        RecommendationsQueueHandler handler = handler(env());

        List<SQSBatchResponse> invocations = new ArrayList<>();
        for (SQSBatchResponse r = lambda.poll(handler, context(), WAIT); r != null && invocations.size() < 10;
                r = lambda.poll(handler, context(), WAIT)) {
            invocations.add(r);
        }

        assertThat(invocations).hasSize(MAX_RECEIVES).allSatisfy(r -> assertThat(r.getBatchItemFailures()).hasSize(3));
        assertThat(braze.stats().status(500)).as("3 attempts per invocation").isEqualTo(MAX_RECEIVES * 3L);
        assertThat(braze.stats().objectsAccepted()).isZero();
        assertThat(log.count("goes back to the queue: Braze kept answering 500 after 3 attempts"))
                .isEqualTo(MAX_RECEIVES * 3L);
        assertThat(drain(deadLetters)).extracting(Message::body).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(inQueue(queue)).isZero();
    }

    @Test
    void aRowBrazeRefusesWith400GoesToTheDeadLetterQueueWithItsReasonAndTheOthersToBraze() {
        List<String> rows = new ArrayList<>(users(4));
        rows.add("{\"queryUserId\":\"nothing\",\"recommendations\":[]}");
        rows.add("{\"queryUserId\":");
        rows.forEach(body -> SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody(body)));
        // BrazeSink bisects a 400 (halves in order): [r0 r1 r2 r3] 400, [r0 r1] 400, [r0] 201, [r1] 400, [r2 r3] 201
        braze.faults().afterRequests(0, Fault.status(400), 2).afterRequests(3, Fault.status(400), 1);
        EventSourceMapping lambda = new EventSourceMapping(SQS.client(), queue, 10);

        SQSBatchResponse response = lambda.poll(handler(env()), context(), WAIT);

        List<String> sent = lambda.lastEvent().getRecords().stream().map(SQSEvent.SQSMessage::getBody)
                .filter(body -> body.contains("\"i1\"")).toList();
        String refused = sent.get(1);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(braze.stats().requests()).isEqualTo(5);
        assertThat(braze.stats().objectsAccepted()).isEqualTo(3);
        for (String row : sent) {
            assertThat(braze.user(user(row))).as(row).matches(u -> u.isPresent() != row.equals(refused));
        }
        assertThat(braze.user("nothing")).isEmpty();
        Map<String, String> reasons = drain(deadLetters).stream().collect(Collectors.toMap(Message::body,
                m -> m.messageAttributes().get("sluice_reason").stringValue()));
        assertThat(reasons).containsOnlyKeys(refused, "{\"queryUserId\":");
        assertThat(reasons.get(refused)).startsWith("Braze refused the object (400 Bad Request)");
        assertThat(reasons.get("{\"queryUserId\":")).startsWith("not a JSON row");
        assertThat(log.lines()).contains("6 messages: 3 delivered, 1 skipped (no recommendations), 2 refused,"
                + " 0 to deliver again");
        assertThat(inQueue(queue)).isZero();
    }

    @Test
    void rowsThatDoNotNameTheirShapeGetTheFunctionsAttributeShape() {
        enqueue(users(1));
        Map<String, String> env = env();
        env.put("ATTRIBUTE_SHAPE", "arrays");

        new EventSourceMapping(SQS.client(), queue, 10).poll(handler(env), context(), WAIT);

        assertThat(braze.user("u0")).hasValueSatisfying(user -> {
            assertThat(user.get("recs_itemId")).isEqualTo(List.of("i1", "i2"));
            assertThat(user).doesNotContainKey("recs_recommendations");
        });
    }

    @Test
    void aRowNamingAnUnknownShapeIsRefusedAloneAndDoesNotHoldBackItsBatch() {
        List<String> rows = new ArrayList<>(users(2));
        String unknownShape = "{\"queryUserId\":\"odd\",\"recommendations\":[{\"itemId\":\"i1\"}],"
                + "\"syncDirectives\":{\"attributeShape\":\"table\"}}";
        rows.add(unknownShape);
        rows.forEach(body -> SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody(body)));

        SQSBatchResponse response = new EventSourceMapping(SQS.client(), queue, 10).poll(handler(env()), context(), WAIT);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(braze.user("u0")).isPresent();
        assertThat(braze.user("u1")).isPresent();
        assertThat(drain(deadLetters)).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(unknownShape);
            assertThat(m.messageAttributes().get("sluice_reason").stringValue()).contains("attributeShape");
        });
    }

    @Test
    void afterASnapStartRestoreTheRuntimeIsBuiltAgainAndStillSends() throws Exception {
        SnapStartRuntime<RecommendationsRuntime> holder = new SnapStartRuntime<>(this::env, RecommendationsRuntime::create);
        RecommendationsRuntime before = holder.get();

        holder.beforeCheckpoint(null);
        holder.afterRestore(null);

        RecommendationsRuntime after = holder.get();
        assertThat(after).isNotSameAs(before);
        assertThat(after.consumer().deadLetterQueueUrl()).isEqualTo(deadLetters);
        assertThat(after.consumer().processBody(users(1).get(0)).status()).isEqualTo(BrazeQueueConsumer.Status.DELIVERED);
        assertThat(braze.user("u0")).isPresent();
        after.close();
    }

    @Test
    void theFunctionDoesNotStartWithoutADeadLetterQueueForRefusedRows() {
        Map<String, String> env = env();
        env.put("RECOMMENDATIONS_QUEUE_URL", SQS.newQueue("no-redrive"));
        assertThatThrownBy(() -> handler(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no redrive policy");
        env.put("RECOMMENDATIONS_QUEUE_URL", SQS.endpoint() + "/000000000000/no-such-queue");
        assertThatThrownBy(() -> handler(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot read the redrive policy of").hasMessageContaining("RECOMMENDATIONS_QUEUE_URL");
    }

    private RecommendationsQueueHandler handler(Map<String, String> env) {
        return new RecommendationsQueueHandler(() -> env);
    }

    private TestContext context() {
        return new TestContext(Duration.ofMinutes(5), log);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", SqsServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SqsServer.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_SQS", SQS.endpoint().toString());
        env.put("BRAZE_API_URL", braze.url());
        env.put("BRAZE_API_KEY", braze.apiKey());
        env.put("RECOMMENDATIONS_QUEUE_URL", queue);
        return env;
    }

    /** Output rows as `sluice personalize run` writes them, for users u0…u(n-1). */
    private static List<String> users(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"queryUserId\":\"u" + i + "\",\"recommendations\":["
                + "{\"name\":\"Shoe\",\"price\":12.5,\"itemId\":\"i1\"},{\"name\":\"Hat\",\"price\":3,\"itemId\":\"i2\"}],"
                + "\"jobInfo\":{\"name\":\"job1\",\"runDateTime\":\"2022-06-06T11:58:19Z\"},"
                + "\"syncDirectives\":{\"attributePrefix\":\"recs_\",\"otherAttributes\":{\"segment\":\"spring\"}}}")
                .toList();
    }

    private static String user(String row) {
        return row.substring(row.indexOf(":\"") + 2, row.indexOf("\","));
    }

    /** Writes the rows as a run's output file and enqueues it with the connector's enqueuer. */
    private void enqueue(List<String> rows) {
        try {
            Path file = dir.resolve(RUN);
            Files.createDirectories(file.getParent());
            byte[] content = (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, content);
            OutputEnqueuer.Enqueued enqueued = new OutputEnqueuer(SQS.client(), queue)
                    .enqueue(Folder.local(dir), RUN, content.length, reject -> { });
            assertThat(enqueued.messages()).isEqualTo(rows.size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        for (List<Message> got = receive(url); !got.isEmpty(); got = receive(url)) {
            all.addAll(got);
        }
        return all;
    }

    private static List<Message> receive(String url) {
        return SQS.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                .visibilityTimeout(60).messageAttributeNames("All")).messages();
    }

    /** Messages visible or in flight. */
    private static int inQueue(String url) {
        return SQS.client().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributesAsStrings().values().stream().mapToInt(Integer::parseInt).sum();
    }
}
