package dev.sluice.personalize.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.personalize.braze.RecordingSink;
import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.testkit.SqsServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The consumer between ElasticMQ (with a real redrive policy to a dead-letter queue) and the Braze
 * sandbox: retries, dead letters, Braze's per-object errors, and batches for a Lambda (spec §14 18–19).
 */
class BrazeQueueConsumerTest {
    @RegisterExtension
    static final SqsServer SQS = new SqsServer();
    private static final int MAX_RECEIVES = 3;

    private BrazeSandbox braze;
    private String queue;
    private String deadLetters;

    @BeforeEach
    void start() {
        braze = BrazeSandbox.start();
        deadLetters = SQS.newQueue("braze-dlq");
        queue = SQS.newQueue("braze", Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + MAX_RECEIVES + "\",\"deadLetterTargetArn\":\""
                        + SQS.arn(deadLetters) + "\"}"));
    }

    @AfterEach
    void stop() {
        braze.close();
    }

    private RecordingSink sink(int maxAttempts) {
        return new RecordingSink(BrazeSink.open(BrazeConfig.defaults(URI.create(braze.url()), braze.apiKey())
                .withMaxAttempts(maxAttempts)));
    }

    private BrazeQueueConsumer consumer(RecordingSink sink) {
        return BrazeQueueConsumer.open(SQS.client(), queue, sink, AttributeShape.OBJECTS, Duration.ofSeconds(1));
    }

    private static String row(String user) {
        return "{\"queryUserId\":\"" + user + "\",\"recommendations\":[{\"itemId\":\"i1\"},{\"itemId\":\"i2\"}]}";
    }

    private void put(String body) {
        SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody(body));
    }

    private static List<Message> deadLetters(String dlq) {
        return SQS.client().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
    }

    private static int visible(String url) {
        return SQS.client().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributesAsStrings().values().stream().mapToInt(Integer::parseInt).sum();
    }

    @Test
    void theDeadLetterQueueIsFoundFromTheRedrivePolicy() {
        try (RecordingSink sink = sink(1)) {
            assertThat(consumer(sink).deadLetterQueueUrl()).isEqualTo(deadLetters);
        }
    }

    @Test
    void aPollSendsTheMessagesAndDeletesThem() {
        put(row("u1"));
        put(row("u2"));
        put("{\"queryUserId\":\"u3\",\"recommendations\":[]}");
        try (RecordingSink sink = sink(3)) {
            BrazeQueueConsumer consumer = consumer(sink);
            int delivered = 0;
            int skipped = 0;
            for (int i = 0; i < 5 && delivered + skipped < 3; i++) {
                BrazeQueueConsumer.PollResult r = consumer.pollOnce();
                delivered += r.delivered();
                skipped += r.skipped();
            }
            assertThat(delivered).isEqualTo(2);
            assertThat(skipped).isEqualTo(1);
        }
        assertThat(braze.user("u1")).isPresent();
        assertThat(braze.user("u3")).isEmpty();
        assertThat(visible(queue)).isZero();
    }

    @Test
    void a429IsRetriedAndThenDelivered() {
        put(row("u1"));
        braze.faults().next(Fault.status(429));
        try (RecordingSink sink = sink(3)) {
            BrazeQueueConsumer.PollResult r = consumer(sink).pollOnce();
            assertThat(r.delivered()).isEqualTo(1);
        }
        assertThat(braze.stats().status(429)).isEqualTo(1);
        assertThat(braze.stats().status(201)).isEqualTo(1);
        assertThat(braze.user("u1")).isPresent();
    }

    @Test
    void fiveHundredsEveryTimeSendTheMessageToTheDeadLetterQueueAfterMaxReceives() throws Exception {
        put(row("u1"));
        braze.faults().always(Fault.status(500));
        List<BrazeQueueConsumer.PollResult> polls = new ArrayList<>();
        try (RecordingSink sink = sink(1)) {
            BrazeQueueConsumer consumer = consumer(sink);
            for (int i = 0; i < 20 && deadLetterCount() == 0; i++) {
                polls.add(consumer.pollOnce());
            }
        }
        assertThat(polls.stream().mapToInt(BrazeQueueConsumer.PollResult::retry).sum()).isEqualTo(MAX_RECEIVES);
        assertThat(braze.stats().status(500)).isEqualTo(MAX_RECEIVES);
        assertThat(deadLetters(deadLetters)).singleElement().extracting(Message::body).isEqualTo(row("u1"));
        assertThat(visible(queue)).isZero();
    }

    private int deadLetterCount() {
        return Integer.parseInt(SQS.client().getQueueAttributes(b -> b.queueUrl(deadLetters)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributesAsStrings()
                .get("ApproximateNumberOfMessages"));
    }

    @Test
    void a400IsNotRetriedAndGoesToTheDeadLetterQueueAtOnceWithItsReason() {
        put(row("u1"));
        braze.faults().next(Fault.status(400));
        try (RecordingSink sink = sink(5)) {
            BrazeQueueConsumer.PollResult r = consumer(sink).pollOnce();
            assertThat(r.rejected()).isEqualTo(1);
        }
        assertThat(braze.stats().requests()).isEqualTo(1);
        Message dead = deadLetters(deadLetters).get(0);
        assertThat(dead.body()).isEqualTo(row("u1"));
        MessageAttributeValue reason = dead.messageAttributes().get("sluice_reason");
        assertThat(reason.stringValue()).contains("400");
        assertThat(visible(queue)).isZero();
    }

    @Test
    void anObjectBrazeNamesInErrorsOfA201IsDeadLetteredAndTheOthersDelivered() {
        put(row("u1"));
        put("{\"queryUserId\":\"u2\",\"recommendations\":[{\"itemId\":\"i\"}],\"syncDirectives\":"
                + "{\"otherAttributes\":{\"$bad\":1}}}");
        put(row("u3"));
        int delivered = 0;
        int rejected = 0;
        try (RecordingSink sink = sink(3)) {
            BrazeQueueConsumer consumer = consumer(sink);
            for (int i = 0; i < 5 && delivered + rejected < 3; i++) {
                BrazeQueueConsumer.PollResult r = consumer.pollOnce();
                delivered += r.delivered();
                rejected += r.rejected();
            }
        }
        assertThat(delivered).isEqualTo(2);
        assertThat(rejected).isEqualTo(1);
        assertThat(deadLetters(deadLetters)).singleElement().satisfies(m -> {
            assertThat(m.body()).contains("\"u2\"");
            assertThat(m.messageAttributes().get("sluice_reason").stringValue()).startsWith("Braze");
        });
    }

    @Test
    void aLambdaBatchOf120MessagesGoesAs75Then45AndSaysWhatBecameOfEach() {
        List<BrazeQueueConsumer.QueueMessage> batch = new ArrayList<>();
        IntStream.range(0, 120).forEach(i -> batch.add(new BrazeQueueConsumer.QueueMessage("m" + i, row("u" + i))));
        batch.add(new BrazeQueueConsumer.QueueMessage("bad", "not a row"));
        try (RecordingSink sink = sink(3)) {
            List<BrazeQueueConsumer.MessageResult> results = new BrazeQueueConsumer(SQS.client(), queue, null, sink,
                    AttributeShape.OBJECTS, Duration.ofSeconds(1)).process(batch);

            assertThat(sink.batches()).containsExactly(75, 45);
            assertThat(results).hasSize(121);
            assertThat(results.subList(0, 120)).allMatch(r -> r.status() == BrazeQueueConsumer.Status.DELIVERED);
            assertThat(results.get(120).status()).isEqualTo(BrazeQueueConsumer.Status.REJECTED);
            assertThat(results.get(120).id()).isEqualTo("bad");
        }
        assertThat(braze.stats().objectsAccepted()).isEqualTo(120);
    }
}
