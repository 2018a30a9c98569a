package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 401 midway stops the job at once (exit 3) with a message that names BRAZE_API_KEY; the same
 * command then resumes from the checkpoint and re-sends at most the in-flight window (braze.md 1.12
 * defect 1, regression 8).
 */
class FatalErrorResumeTest {
    private static final int ROWS = 3000;
    private static final int CONCURRENCY = 4;
    private static final int BATCH = 75;

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @Test
    void a401StopsTheJobAndTheSameCommandResumesWithoutLosingOrRepeatingRows() throws Exception {
        Path file = CliHarness.users(cli.dir().resolve("users.csv"), ROWS);
        cli.sandbox().faults().afterRequests(5, Fault.status(401), 1000);

        CliHarness.Result stopped = cli.importJson(file, "--concurrency", Integer.toString(CONCURRENCY));

        assertThat(stopped.exitCode()).as("exit 3: stopped, resumable; %s", stopped).isEqualTo(3);
        JsonNode s1 = stopped.json();
        assertThat(s1.get("status").asText()).isEqualTo("stopped");
        assertThat(s1.get("message").asText()).contains("BRAZE_API_KEY");
        CliHarness.assertReconciles(s1);
        assertThat(s1.get("accepted").asLong()).as("what the checkpoint covers was accepted")
                .isLessThanOrEqualTo(cli.sandbox().stats().users());
        assertThat(s1.get("checkpoint_offset").asLong()).isLessThan(Files.size(file));
        long sentBeforeStop = cli.sandbox().stats().objectsAccepted();
        assertThat(sentBeforeStop).as("some rows went through before the 401").isPositive();
        assertThat(cli.sandbox().stats().requests())
                .as("a 401 stops the job: what was in flight, and no new batch (see noNewBatchAfterAFatalAnswer)")
                .isLessThanOrEqualTo(5 + 2 * CONCURRENCY);

        cli.sandbox().faults().clear();
        CliHarness.Result resumed = cli.importJson(file, "--concurrency", Integer.toString(CONCURRENCY));

        assertThat(resumed.exitCode()).as("%s", resumed).isZero();
        JsonNode s2 = resumed.json();
        assertThat(s2.get("status").asText()).isEqualTo("completed");
        assertThat(s2.get("resumed").asBoolean()).isTrue();
        assertThat(s2.get("rows_read").asLong()).isEqualTo(ROWS);
        assertThat(s2.get("accepted").asLong()).isEqualTo(ROWS);
        CliHarness.assertReconciles(s2);
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            if (cli.sandbox().user(CliHarness.userId(i)).isEmpty()) {
                missing.add(CliHarness.userId(i));
            }
        }
        assertThat(missing).isEmpty();
        assertThat(cli.sandbox().stats().users()).isEqualTo(ROWS);
        long duplicates = cli.duplicates();
        System.out.printf("401 midway: %d objects accepted before the stop, %d sent twice after resuming%n",
                sentBeforeStop, duplicates);
        // Batches accepted past the watermark are re-sent: those that finished while an earlier batch was
        // still on its way to its 401. The design bounds them by the window (4 x 75); measured 0-300.
        // (Today nothing holds a finished-but-uncommitted batch inside the window, so 5 x 75 is possible
        // when the first batch is the one refused: see KillNineResumeTest.aSlowRequestDoesNotWiden...)
        assertThat(duplicates).as("re-sent rows are bounded by the in-flight window")
                .isLessThanOrEqualTo((long) CONCURRENCY * BATCH);
    }

    /** Rows rejected before the stop are listed once in the rejects file, however often the job resumes. */
    @Test
    void rejectedRowsAreListedOnceAcrossAResume() {
        Path file = CliHarness.writeRows(cli.dir().resolve("users.csv"), "external_id,plan,score", ROWS,
                i -> i % 100 == 0 ? CliHarness.userId(i) + ",bad" : CliHarness.userId(i) + ",p" + i + "," + i, "\n");
        cli.sandbox().faults().afterRequests(10, Fault.status(401), 1000);

        CliHarness.Result stopped = cli.importJson(file, "--concurrency", Integer.toString(CONCURRENCY));
        assertThat(stopped.exitCode()).as("%s", stopped).isEqualTo(3);
        cli.sandbox().faults().clear();
        CliHarness.Result resumed = cli.importJson(file, "--concurrency", Integer.toString(CONCURRENCY));

        assertThat(resumed.exitCode()).as("%s", resumed).isEqualTo(1);
        JsonNode s = resumed.json();
        assertThat(s.get("rejected").asLong()).isEqualTo(ROWS / 100);
        assertThat(s.get("accepted").asLong()).isEqualTo(ROWS - ROWS / 100);
        CliHarness.assertReconciles(s);
        List<Long> expectedLines = new ArrayList<>();
        for (int i = 100; i <= ROWS; i += 100) {
            expectedLines.add(i + 1L);
        }
        assertThat(CliHarness.rejects(cli.dir().resolve("users.rejects.csv")))
                .extracting(CliHarness.Reject::line).containsExactlyElementsOf(expectedLines);
        assertThat(cli.sandbox().stats().users()).isEqualTo(ROWS - ROWS / 100);
    }

    /**
     * Once Braze has refused the key, no new batch is sent: with one request in flight at a time,
     * the first answer is a 401 and that is the only request. (With room in the window, today the
     * reader admits and sends the batch it was waiting to send; the window checks the stop only
     * while it waits for room.)
     */
    @Test
    void noNewBatchAfterAFatalAnswer() {
        cli.restart(SandboxConfig.defaults().withLatency(Duration.ofMillis(50)));
        Path file = CliHarness.users(cli.dir().resolve("users.csv"), 1000);
        cli.sandbox().faults().afterRequests(0, Fault.status(401), 1000);

        CliHarness.Result stopped = cli.importJson(file, "--concurrency", "1");

        assertThat(stopped.exitCode()).as("%s", stopped).isEqualTo(3);
        assertThat(cli.sandbox().stats().requests()).as("requests sent after the job stopped").isEqualTo(1);
    }

    @Test
    void theTextOutputSaysHowToResume() {
        Path file = CliHarness.users(cli.dir().resolve("users.csv"), 500);
        cli.sandbox().faults().afterRequests(1, Fault.status(401), 1000);

        CliHarness.Result stopped = cli.run("import", file.toString(), "--to", "braze", "--state",
                cli.state().toString(), "--concurrency", "2");

        assertThat(stopped.exitCode()).as("%s", stopped).isEqualTo(3);
        assertThat(stopped.all()).contains("BRAZE_API_KEY").contains("resum");
        assertThat(stopped.all()).as("the key itself is never printed").doesNotContain(cli.sandbox().apiKey());
    }
}
