package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.PostgresServer;
import dev.sluice.testkit.S3Server;
import dev.sluice.testkit.SqsServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code sluice serve} on a bucket: S3Proxy is the bucket, ElasticMQ the queue that receives its event
 * notifications (S3Server adds them, as neither emulator sends them), PostgreSQL the shared ledger and the
 * Braze sandbox Braze. Every file must reach Braze exactly once.
 */
class ServeBucketTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server();
    @RegisterExtension
    static final SqsServer SQS = new SqsServer();
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    private static int buckets;
    private String bucket;
    private String queue;

    @BeforeEach
    void bucketAndQueue() {
        bucket = "landing-" + (++buckets);
        S3.client().createBucket(b -> b.bucket(bucket));
        // a short visibility timeout, so a message left for later comes back within the test
        queue = SQS.newQueue("uploads", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        S3.sendEventsTo(bucket, SQS.client(), queue);
    }

    private Path config(String source, boolean sharedLedger) throws IOException {
        return Files.writeString(cli.dir().resolve("sluice.yaml"), (sharedLedger ? "ledger: ${LEDGER_URL}\n" : "") + """
                state: state
                pipelines:
                  users:
                    source: %s
                    destination:
                      braze:
                        rest_url: ${SANDBOX_URL}
                        api_key: ${SANDBOX_KEY}
                """.formatted(source));
    }

    private Path queueConfig(boolean sharedLedger) throws IOException {
        return config("{ bucket: \"s3://" + bucket + "/in/\", queue: \"" + queue + "\" }", sharedLedger);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(cli.env());
        env.put("SANDBOX_URL", cli.sandbox().url());
        env.put("SANDBOX_KEY", cli.sandbox().apiKey());
        env.put("LEDGER_URL", pg.jdbcUrl());
        env.put("AWS_ENDPOINT_URL_S3", S3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", SQS.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        return env;
    }

    private static String users(int from, int to) {
        return "external_id,score\n" + IntStream.rangeClosed(from, to).mapToObj(i -> "u" + i + "," + i)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private void put(String key, String body) {
        S3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    private List<String> keys() {
        return S3.client().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private CompletableFuture<CliHarness.Result> serve(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("serve", "--config", config.toString(), "--interval", "200"));
        args.addAll(List.of(more));
        Map<String, String> env = env();
        return CompletableFuture.supplyAsync(() -> CliHarness.run(env, args.toArray(String[]::new)));
    }

    @Test
    void aFileAnnouncedOnTheQueueIsImportedOnceAlsoWhenTheEventComesTwice() throws Exception {
        S3.client().putObject(b -> b.bucket(bucket).key("in/readme.txt"), RequestBody.fromString("not a csv"));
        String key = "in/my users+list (1).csv";
        put(key, users(1, 200));
        // S3 delivers at least once: the same event again, and the test event S3 sends when set up
        String eTag = S3.client().headObject(h -> h.bucket(bucket).key(key)).eTag();
        SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody(S3Server.event("ObjectCreated:Put", bucket, key, 0, eTag)));
        // an event that does not match (no ETag) reaches a file already imported and moved: gone, not failed
        SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody(S3Server.event("ObjectCreated:Put", bucket, key, 0, null)));
        SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-21T10:00:00.000Z","Bucket":"%s"}"""
                .formatted(bucket)));

        CliHarness.Result served = serve(queueConfig(false), "--port", "0", "--stop-when-idle", "3").get(90, TimeUnit.SECONDS);

        assertThat(served.exitCode()).as(served.toString()).isZero();
        assertThat(cli.sandbox().stats().objectsAccepted()).as("every row exactly once").isEqualTo(200);
        assertThat(cli.sandbox().stats().users()).isEqualTo(200);
        assertThat(keys()).contains("in/done/my users+list (1).csv", "in/readme.txt")
                .doesNotContain(key);
        assertThat(served.out()).contains("gone: s3://" + bucket + "/" + key).contains("0 failed");
        assertThat(SQS.client().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(2)).messages())
                .as("every message deleted once handled").isEmpty();
    }

    @Test
    void twoInstancesSharingAPostgresLedgerImportEveryFileOnce() throws Exception {
        int files = 6;
        for (int f = 0; f < files; f++) {
            String key = "in/batch-" + f + ".csv";
            put(key, users(f * 500 + 1, f * 500 + 500));
            String eTag = S3.client().headObject(h -> h.bucket(bucket).key(key)).eTag();
            SQS.client().sendMessage(b -> b.queueUrl(queue)
                    .messageBody(S3Server.event("ObjectCreated:Put", bucket, key, 0, eTag)));
        }
        Path config = queueConfig(true);

        CompletableFuture<CliHarness.Result> a = serve(config, "--port", "0", "--stop-when-idle", "4");
        CompletableFuture<CliHarness.Result> b = serve(config, "--port", "0", "--stop-when-idle", "4");
        CliHarness.Result first = a.get(120, TimeUnit.SECONDS);
        CliHarness.Result second = b.get(120, TimeUnit.SECONDS);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(cli.sandbox().stats().objectsAccepted()).as("every row exactly once").isEqualTo(files * 500);
        assertThat(cli.sandbox().stats().users()).isEqualTo(files * 500);
        for (int f = 0; f < files; f++) {
            assertThat(keys()).contains("in/done/batch-" + f + ".csv").doesNotContain("in/batch-" + f + ".csv");
        }
        long imports = (first.out() + second.out()).lines().filter(l -> l.startsWith("importing ")).count();
        assertThat(imports).as("each file imported by one instance only").isEqualTo(files);
    }

    @Test
    void aThreePartMultipartObjectIsImportedWhole() throws Exception {
        String key = "in/big.csv";
        String pad = "x".repeat(180);
        StringBuilder csv = new StringBuilder("external_id,note\n");
        int rows = 0;
        while (csv.length() < 11 * 1024 * 1024) {
            rows++;
            csv.append("u").append(rows).append(',').append(pad).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.US_ASCII);
        multipartUpload(S3.client(), key, bytes, 5 * 1024 * 1024);
        assertThat(S3.client().headObject(h -> h.bucket(bucket).key(key)).eTag()).as("3 parts").endsWith("-3\"");

        CliHarness.Result served = serve(queueConfig(false), "--port", "0", "--stop-when-idle", "3").get(180, TimeUnit.SECONDS);

        assertThat(served.exitCode()).as(served.toString()).isZero();
        assertThat(keys()).contains("in/done/big.csv");
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(rows);
        assertThat(cli.sandbox().user("u" + rows)).isPresent();
    }

    @Test
    void aBucketWithoutAQueueIsPolledAndHealthAndMetricsAreServed() throws Exception {
        put("in/one.csv", users(1, 50));
        put("in/two.csv", users(51, 60) + "u61\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CompletableFuture<CliHarness.Result> serving = serve(
                config("{ bucket: \"s3://" + bucket + "/in/\", poll: 1s }", false),
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--looks", "20");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = get(http, port, "/health");
        String filesDone = "sluice_files_total{outcome=\"done\",pipeline=\"users\"} 2.0";
        HttpResponse<String> metrics = get(http, port, "/metrics");
        while (!metrics.body().contains(filesDone) && !serving.isDone()) {
            Thread.sleep(100);
            metrics = get(http, port, "/metrics");
        }
        CliHarness.Result served = serving.get(60, TimeUnit.SECONDS);

        assertThat(served.exitCode()).as("a file had a rejected row: " + served).isEqualTo(ExitCode.REJECTED_ROWS);
        assertThat(served.out()).contains("files: 2 done (1 with rejected rows), 0 failed");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(CliHarness.JSON.readTree(health.body()).get("status").asText()).isEqualTo("serving");
        assertThat(metrics.body())
                .contains(filesDone)
                .contains("sluice_rows_total{outcome=\"accepted\",pipeline=\"users\"} 60.0")
                .contains("sluice_rows_total{outcome=\"rejected\",pipeline=\"users\"} 1.0")
                .contains("sluice_requests_total{pipeline=\"users\"}")
                .contains("sluice_job_duration_seconds_count{pipeline=\"users\",status=\"completed\"} 2");
        assertThat(keys()).contains("in/done/one.csv", "in/done/two.csv", "in/done/two.rejects.csv");
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(60);
    }

    /** Waits for the service to answer (it starts in the background), then gets {@code path}. */
    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                if (attempt > 200) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private void multipartUpload(S3Client s3, String key, byte[] bytes, int partSize) {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int part = 1, from = 0; from < bytes.length; part++, from += partSize) {
            int to = Math.min(bytes.length, from + partSize);
            int number = part;
            byte[] slice = java.util.Arrays.copyOfRange(bytes, from, to);
            String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                    RequestBody.fromBytes(slice)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(parts)));
    }
}
