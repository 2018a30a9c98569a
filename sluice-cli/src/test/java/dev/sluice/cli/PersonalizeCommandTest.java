package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.S3Server;
import dev.sluice.testkit.SqsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code sluice personalize run}: local and s3:// job folders, straight to the Braze sandbox or through ElasticMQ. */
class PersonalizeCommandTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();
    @RegisterExtension
    static final SqsServer SQS = new SqsServer();
    @RegisterExtension
    static final S3Server S3 = new S3Server();

    static final String CONFIG = "{\"batchInferencePath\": \"../../../batch/out/\", \"performDeltaCheck\": true,"
            + " \"connectors\": {\"braze\": {\"attributePrefix\": \"recs_\"}}}";
    static final String BATCH = """
            {"input": {"itemId": "105"}, "output": {"recommendedItems": ["106", "107", "49"]}}
            {"input": {"itemId": "106"}, "output": {"recommendedItems": ["105", "107", "49"]}}
            {"input": {"itemId": "441"}, "output": {"recommendedItems": ["2", "442", "435"]}}
            """;
    static final String MAPPING = "USER_ID,ITEM_ID\n123,105\n124,105\n234,106\n235,441\n";

    private Path job() {
        Path job = cli.dir().resolve("etl_jobs/related_items/job1");
        CliHarness.write(job.resolve("config.json"), CONFIG);
        CliHarness.write(job.resolve("input/user_item_mapping/m.csv"), MAPPING);
        CliHarness.write(cli.dir().resolve("batch/out/job_config.json.out"), BATCH);
        return job;
    }

    @Test
    void aRunSendsEveryRowToBrazeAndASecondRunOnTheSameInputSendsNothing() {
        Path job = job();

        CliHarness.Result first = cli.run("personalize", "run", "--job", job.toString(), "--now", "2022-06-06T11:58:19Z",
                "--json");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode summary = first.json().get("connectors").get(0);
        assertThat(summary.get("changed").asLong()).isEqualTo(4);
        assertThat(summary.get("sent").asLong()).isEqualTo(4);
        assertThat(summary.get("output_files").get(0).asText())
                .isEqualTo("output/braze/year=2022/month=06/day=06/time=115819/part-00000.json");
        assertThat(cli.sandbox().user("123").orElseThrow()).containsKey("recs_recommendations");

        CliHarness.Result second = cli.run("personalize", "run", "--job", job.toString(), "--json");
        assertThat(second.exitCode()).isZero();
        assertThat(second.json().get("connectors").get(0).get("sent").asLong()).isZero();
        assertThat(second.json().get("connectors").get(0).get("unchanged").asLong()).isEqualTo(4);
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(4);
    }

    @Test
    void theTextSummaryNamesCountsAndFiles() {
        CliHarness.Result r = cli.run("personalize", "run", "--job", job().toString(), "--now", "2022-06-06T11:58:19Z");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("lines read  3 in 1 file(s)").contains("joined      4 rows")
                .contains("4 decorated, 4 changed, 0 unchanged").contains("4 sent to Braze")
                .contains("output/braze/year=2022/month=06/day=06/time=115819/part-00000.json");
    }

    @Test
    void withAQueueTheRowsGoToSqsAndNotToBraze() {
        String queue = SQS.newQueue("personalize-cli");
        Map<String, String> env = new HashMap<>(cli.env());
        env.putAll(Map.of("AWS_ENDPOINT_URL_SQS", SQS.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", SqsServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SqsServer.SECRET_KEY));

        CliHarness.Result r = CliHarness.run(env, "personalize", "run", "--job", job().toString(), "--queue-url", queue,
                "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("connectors").get(0).get("sent").asLong()).isEqualTo(4);
        List<Message> messages = SQS.client().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)).messages();
        assertThat(messages).hasSize(4).allSatisfy(m -> assertThat(m.body()).contains("\"recs_\""));
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @Test
    void serveSendsTheQueuedRowsToBrazeAndRefusedOnesToTheDeadLetterQueue() throws Exception {
        String dlq = SQS.newQueue("recs-dlq");
        String queue = SQS.newQueue("recs", Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"5\",\"deadLetterTargetArn\":\"" + SQS.arn(dlq) + "\"}"));
        Map<String, String> env = new HashMap<>(cli.env());
        env.put("AWS_ENDPOINT_URL_SQS", SQS.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", SqsServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SqsServer.SECRET_KEY);
        env.put("RECS_QUEUE", queue);
        CliHarness.Result enqueued = CliHarness.run(env, "personalize", "run", "--job", job().toString(),
                "--queue-url", queue, "--json");
        assertThat(enqueued.exitCode()).as(enqueued.toString()).isZero();
        // a row Braze cannot take (no user id): refused, not retried
        SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody("{\"recommendations\": []}"));
        Path config = CliHarness.write(cli.dir().resolve("sluice.yaml"), """
                personalize_queues:
                  recs:
                    queue: ${RECS_QUEUE}
                    braze: { rest_url: "${BRAZE_API_URL}", api_key: "${BRAZE_API_KEY}" }
                """);

        CliHarness.Result served = CliHarness.run(env, "serve", "--config", config.toString(), "--port", "0",
                "--interval", "100", "--stop-when-idle", "2");

        assertThat(served.exitCode()).as(served.toString()).isZero();
        assertThat(cli.sandbox().stats().objectsAccepted()).as("the 4 rows, once").isEqualTo(4);
        assertThat(cli.sandbox().user("124").orElseThrow()).containsKey("recs_recommendations");
        assertThat(SQS.client().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages()).isEmpty();
        List<Message> refused = SQS.client().receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages();
        assertThat(refused).singleElement().extracting(Message::body).isEqualTo("{\"recommendations\": []}");
    }

    @Test
    void aBadConfigIsAUsageErrorAndNothingIsWritten() {
        Path job = job();
        CliHarness.write(job.resolve("config.json"), "{\"batchInferencePath\": \"../../../batch/out/\",\n \"connectors\": {}}");

        CliHarness.Result r = cli.run("personalize", "run", "--job", job.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("connectors must declare at least one connector");
        assertThat(job.resolve("output")).doesNotExist();
    }

    @Test
    void aJobFolderInS3IsReadAndWrittenInPlace() throws Exception {
        S3Client s3 = S3.client();
        s3.createBucket(b -> b.bucket("connectors"));
        s3.createBucket(b -> b.bucket("mlops"));
        String prefix = "etl_jobs/related_items/job1/";
        put(s3, "connectors", prefix + "config.json", "{\"batchInferencePath\": \"s3://mlops/batch/dsg/sims/batch_sims_2024/\","
                + " \"connectors\": {\"braze\": {}}}");
        put(s3, "connectors", prefix + "input/user_item_mapping/m.csv", MAPPING);
        put(s3, "mlops", "batch/dsg/sims/batch_sims_2024/_CHECK", "");
        put(s3, "mlops", "batch/dsg/sims/batch_sims_2024/job_config.json.out", BATCH);
        Map<String, String> env = new HashMap<>(cli.env());
        env.putAll(Map.of("AWS_ENDPOINT_URL_S3", S3.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY));

        CliHarness.Result r = CliHarness.run(env, "personalize", "run", "--job", "s3://connectors/" + prefix,
                "--now", "2022-06-06T11:58:19Z", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("connectors").get(0).get("sent").asLong()).isEqualTo(4);
        String output = s3.getObjectAsBytes(b -> b.bucket("connectors")
                .key(prefix + "output/braze/year=2022/month=06/day=06/time=115819/part-00000.json")).asUtf8String();
        assertThat(output.lines()).hasSize(4).first().asString().contains("\"userId\":\"123\"");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("connectors").key(prefix + "output/braze/state/CURRENT"))
                .asUtf8String()).startsWith("fingerprints-20220606T115819Z-");
    }

    private static void put(S3Client s3, String bucket, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
    }
}
