package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.SqliteLedger;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM to a real {@code sluice serve} process (a child JVM) in the middle of an import: it stops taking
 * files, drains the batches in flight, saves the checkpoint and exits; the file stays where it was. The
 * next start resumes it: every user arrives exactly once, none twice, because the drain left nothing
 * past the checkpoint.
 */
class ServeDrainTest {
    private static final int ROWS = 30_000;

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(SandboxConfig.defaults().withRateLimit(null)
            .withLatency(Duration.ofMillis(40)));

    @Test
    void sigtermDrainsTheRunningImportAndTheNextStartResumesIt() throws Exception {
        Path incoming = Files.createDirectories(cli.dir().resolve("incoming"));
        Path file = CliHarness.users(incoming.resolve("users.csv"), ROWS);
        Path config = Files.writeString(cli.dir().resolve("sluice.yaml"), """
                state: state
                pipelines:
                  users:
                    source: { folder: ./incoming }
                    destination:
                      braze: { rest_url: "${BRAZE_API_URL}", api_key: "${BRAZE_API_KEY}", concurrency: 4 }
                """);
        Path out = cli.dir().resolve("serve.out");
        ProcessBuilder serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.sluice.cli.Main", "serve", "--config", config.toString(), "--port", "0", "--interval", "200")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectErrorStream(true)
                .directory(cli.dir().toFile());
        serve.environment().putAll(cli.env());
        Process child = serve.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cli.sandbox().stats().objectsAccepted() < 3_000 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(child.isAlive()).as("serving: %s", CliHarness.read(out)).isTrue();
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("drained and exited").isTrue();
        } finally {
            child.destroyForcibly();
        }

        String log = CliHarness.read(out);
        assertThat(child.exitValue()).as(log).isEqualTo(128 + 15);
        assertThat(log).contains("stopping: draining the running import").contains("stopped: " + file);
        assertThat(file).as("a stopped file stays to be resumed").exists();
        JobRecord job;
        try (SqliteLedger ledger = SqliteLedger.open(cli.dir().resolve("state"))) {
            job = ledger.recent(1).get(0);
        }
        long checkpointRows = job.checkpoint().counts().read();
        assertThat(job.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(checkpointRows).isBetween(3_000L, ROWS - 1L);
        assertThat(cli.sandbox().stats().users()).as("the drain left nothing sent past the checkpoint")
                .isEqualTo(checkpointRows);

        Map<String, String> env = cli.env();
        CliHarness.Result resumed = CliHarness.run(env, "serve", "--config", config.toString(), "--port", "0",
                "--interval", "100", "--stop-when-idle", "3");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(incoming.resolve("done/users.csv")).exists();
        assertThat(cli.sandbox().stats().users()).isEqualTo(ROWS);
        assertThat(cli.sandbox().stats().objectsAccepted()).as("no user sent twice").isEqualTo(ROWS);
        assertThat(cli.sandbox().user("external_id")).as("the header never").isEmpty();
        try (SqliteLedger ledger = SqliteLedger.open(cli.dir().resolve("state"))) {
            List<JobRecord> jobs = ledger.recent(5);
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(jobs.get(0).checkpoint().counts().accepted()).isEqualTo(ROWS);
        }
    }
}
