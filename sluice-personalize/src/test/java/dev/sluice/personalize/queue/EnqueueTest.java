package dev.sluice.personalize.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.report.Reject;
import dev.sluice.testkit.SqsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** Enqueueing output files into ElasticMQ: which files, odd user ids, batches of ten (spec §14 14–15). */
class EnqueueTest {
    @RegisterExtension
    static final SqsServer SQS = new SqsServer();

    @TempDir
    Path dir;

    static final String RUN = "output/braze/year=2022/month=06/day=06/time=115819/";

    private static String row(String user) {
        return "{\"queryUserId\":\"" + user.replace("\"", "\\\"") + "\",\"recommendations\":[{\"itemId\":\"1\"}]}";
    }

    private static String rows(List<String> users) {
        return users.stream().map(EnqueueTest::row).collect(Collectors.joining("\n", "", "\n"));
    }

    private long enqueue(OutputEnqueuer enqueuer, String key, byte[] content, List<Reject> rejects) throws IOException {
        Path file = dir.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return enqueuer.enqueue(Folder.local(dir), key, content.length, rejects::add).messages();
    }

    private static List<Message> drain(String queue) {
        List<Message> all = new ArrayList<>();
        for (List<Message> got = receive(queue); !got.isEmpty(); got = receive(queue)) {
            all.addAll(got);
        }
        return all;
    }

    private static List<Message> receive(String queue) {
        return SQS.client().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)
                .visibilityTimeout(60)).messages();
    }

    @Test
    void onlyBrazeRunFilesWithContentAreEnqueuedAndGzipIsDecompressed() throws Exception {
        String queue = SQS.newQueue("enqueue-filter");
        OutputEnqueuer enqueuer = new OutputEnqueuer(SQS.client(), queue);
        byte[] one = rows(List.of("u1")).getBytes(StandardCharsets.UTF_8);
        List<Reject> rejects = new ArrayList<>();

        assertThat(enqueue(enqueuer, RUN + "part-00000.json", one, rejects)).isEqualTo(1);
        assertThat(enqueue(enqueuer, RUN + "part-00001.json.gz", gzip(rows(List.of("u2", "u3"))), rejects)).isEqualTo(2);
        assertThat(enqueue(enqueuer, "output/braze/state/CURRENT", one, rejects)).isZero();
        assertThat(enqueue(enqueuer, "errors/year=2022/month=06/day=06/time=115819/part-00000.json", one, rejects)).isZero();
        assertThat(enqueue(enqueuer, "output/other/year=2022/month=06/day=06/time=115819/part-00000.json", one, rejects)).isZero();
        assertThat(enqueue(enqueuer, RUN + "empty.json", new byte[0], rejects)).isZero();
        assertThat(OutputKeys.isBrazeOutput("etl_jobs/related_items/job1/" + RUN + "part-00000.json")).isTrue();
        assertThat(OutputKeys.isBrazeOutput("etl_jobs/related_items/job1/output/braze/year=2022/month=13/day=06/time=115819/p"))
                .isFalse();

        assertThat(drain(queue)).extracting(Message::body).containsExactlyInAnyOrder(row("u1"), row("u2"), row("u3"));
        assertThat(rejects).isEmpty();
    }

    @Test
    void userIdsThatAreEmailsOrLongerThanEightyCharactersAreEnqueuedInBatchesOfTen() throws Exception {
        String queue = SQS.newQueue("enqueue-ids");
        OutputEnqueuer enqueuer = new OutputEnqueuer(SQS.client(), queue);
        List<String> users = new ArrayList<>(List.of("a.b@example.com", "x".repeat(120), "with space", "ünïcödé/+=\"quote"));
        IntStream.range(0, 21).forEach(i -> users.add("user-" + i));
        List<Reject> rejects = new ArrayList<>();

        long sent = enqueue(enqueuer, RUN + "part-00000.json", rows(users).getBytes(StandardCharsets.UTF_8), rejects);

        assertThat(sent).isEqualTo(25);
        assertThat(enqueuer.requests()).isEqualTo(3); // 10 + 10 + 5
        assertThat(drain(queue)).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(users.stream().map(EnqueueTest::row).toList());
    }

    @Test
    void aRowLargerThanAnSqsMessageIsRejectedAndTheOthersGo() throws Exception {
        String queue = SQS.newQueue("enqueue-large");
        OutputEnqueuer enqueuer = new OutputEnqueuer(SQS.client(), queue);
        String huge = row("big" + "z".repeat(OutputEnqueuer.MAX_BATCH_BYTES));
        List<Reject> rejects = new ArrayList<>();

        long sent = enqueue(enqueuer, RUN + "part-00000.json",
                (row("a") + "\n" + huge + "\n" + row("b") + "\n").getBytes(StandardCharsets.UTF_8), rejects);

        assertThat(sent).isEqualTo(2);
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.reason()).contains("an SQS message holds at most");
        });
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
