package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.S3Server;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code sluice import s3://bucket/key} against S3Proxy (a real S3 server in the test JVM) into the Braze sandbox. */
class S3ImportTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @RegisterExtension
    static final S3Server S3 = new S3Server();
    private static int buckets;

    private S3Client s3;
    private String bucket;

    @BeforeEach
    void bucket() {
        s3 = S3.client();
        bucket = "landing-" + (++buckets);
        s3.createBucket(b -> b.bucket(bucket));
    }

    private URI endpoint() {
        return S3.endpoint();
    }

    private Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(cli.env());
        env.put("AWS_ENDPOINT_URL_S3", endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "access");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        return env;
    }

    private static String users(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "u" + i + ",Name " + i + "," + i)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void anObjectWithSpacesAndPlusInItsKeyImportsOnceAndIsRefusedTheSecondTime() {
        String key = "in/my users+list.csv";
        s3.putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromString("external_id,name,age\n" + users(1, 300), StandardCharsets.UTF_8));

        CliHarness.Result first = CliHarness.run(env(), "import", "s3://" + bucket + "/" + key, "--to", "braze", "--json",
                "--state", cli.state().toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.json().get("accepted").asLong()).isEqualTo(300);
        assertThat(cli.sandbox().user("u300")).hasValueSatisfying(u -> assertThat(u).containsEntry("age", 300L));
        assertThat(cli.sandbox().user("external_id")).isEmpty();

        CliHarness.Result again = CliHarness.run(env(), "import", "s3://" + bucket + "/" + key, "--to", "braze", "--json",
                "--state", cli.state().toString());
        assertThat(again.json().get("status").asText()).isEqualTo("already_imported");
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(300);
    }

    @Test
    void aManualOffsetReadsOnlyTheRestOfTheObject() {
        String header = "external_id,name,age\n";
        String head = users(1, 100);
        s3.putObject(b -> b.bucket(bucket).key("users.csv"),
                RequestBody.fromString(header + head + users(101, 150), StandardCharsets.UTF_8));
        long offset = (header + head).getBytes(StandardCharsets.UTF_8).length;

        CliHarness.Result run = CliHarness.run(env(), "import", "s3://" + bucket + "/users.csv", "--to", "braze", "--json",
                "--state", cli.state().toString(), "--offset", String.valueOf(offset), "--headers", "external_id,name,age");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("accepted").asLong()).isEqualTo(50);
        assertThat(cli.sandbox().user("u100")).isEmpty();
        assertThat(cli.sandbox().user("u101")).isPresent();
        assertThat(cli.sandbox().user("u150")).isPresent();
    }

    @Test
    void uploadSendsTheFileAndWithWatchSendsItAgainWhenItChanges() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(cli.dir().resolve("export.csv"), "external_id\nu1\n");
        CliHarness.Result once = CliHarness.run(env(), "upload", file.toString(), "s3://" + bucket + "/drop/");
        assertThat(once.exitCode()).as(once.err()).isZero();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("drop/export.csv")).asUtf8String())
                .isEqualTo("external_id\nu1\n");

        java.util.concurrent.CompletableFuture<CliHarness.Result> watching = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> CliHarness.run(env(), "upload", file.toString(), "s3://" + bucket + "/drop/watched.csv",
                        "--watch", "--interval", "1", "--max-uploads", "2"));
        awaitObject("drop/watched.csv");
        java.nio.file.Files.writeString(file, "external_id\nu1\nu2\n");
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 5000));
        CliHarness.Result watched = watching.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(watched.exitCode()).as(watched.err()).isZero();
        assertThat(watched.out().lines().filter(line -> line.startsWith("Uploaded"))).hasSize(2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("drop/watched.csv")).asUtf8String())
                .isEqualTo("external_id\nu1\nu2\n");
    }

    private void awaitObject(String key) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                s3.headObject(b -> b.bucket(bucket).key(key));
                return;
            } catch (software.amazon.awssdk.services.s3.model.S3Exception notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError(key + " was never uploaded");
    }

    @Test
    void aMissingObjectIsAUsageErrorAndNothingIsSent() {
        CliHarness.Result run = CliHarness.run(env(), "import", "s3://" + bucket + "/nope.csv", "--to", "braze",
                "--state", cli.state().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("nope.csv");
        assertThat(cli.sandbox().stats().requests()).isZero();
    }
}
