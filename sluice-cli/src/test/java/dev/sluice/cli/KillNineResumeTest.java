package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.Fault;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.SqliteLedger;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a real {@code sluice import} in a child JVM, killed with SIGKILL at random moments
 * (no shutdown hook, no drain, no last checkpoint), then the same command run again until it
 * finishes. Every row must arrive, the header never, and each kill may cost at most the rows the
 * saved checkpoint could not cover.
 *
 * <p><b>The bound.</b> The checkpoint is a watermark: the end of the longest prefix of batches the
 * sink has finished, saved by the committer thread after every run of progress. After a kill, the
 * next run starts at the last saved watermark, so the rows sent twice are those the sandbox accepted
 * past it:
 * <ul>
 *   <li>batches in flight at the kill: at most {@code --concurrency} (the in-flight window);</li>
 *   <li>batches finished but not yet in a saved checkpoint: those waiting in the committer's queue
 *       while it writes the previous checkpoint to SQLite, plus those finished out of order behind a
 *       batch still in flight. With a constant latency and no faults that is at most a couple of
 *       batches beyond the window.</li>
 * </ul>
 * So a kill re-sends at most {@code (concurrency + 2) × 75} objects. The design promises "at most the
 * in-flight window"; {@link #aSlowRequestDoesNotWidenWhatAKillResends} checks that this still holds
 * when one request is slow.
 *
 * <p>Duplicates per kill are measured exactly: after a kill (and once the sandbox is quiet) every
 * user the sandbox holds past the saved checkpoint will be sent again, so {@code users − checkpoint
 * rows} is what that kill costs. Their sum must equal {@code objects_accepted − users} at the end.
 */
class KillNineResumeTest {
    private static final int ROWS = 200_000;
    private static final int CONCURRENCY = 8;
    private static final int BATCH = 75;
    /** Objects a kill may re-send; see the class comment. */
    private static final long BOUND_PER_KILL = (CONCURRENCY + 2L) * BATCH;
    private static final int KILLS = 4;
    private static final long SEED = 20_250_611L;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheSameCommandFinishesWithEveryUserOnce() throws Exception {
        Path file = generate(dir.resolve("users-200k.csv"), ROWS);
        Path state = dir.resolve("state");
        Random random = new Random(SEED);
        SandboxConfig config = SandboxConfig.defaults().withRateLimit(null).withLatency(Duration.ofMillis(30));
        try (BrazeSandbox sandbox = BrazeSandbox.start(config)) {
            List<Long> duplicatesPerKill = new ArrayList<>();
            List<Long> checkpointRows = new ArrayList<>();
            JsonNode summary = null;
            for (int run = 1; summary == null; run++) {
                assertThat(run).as("runs before the import finished").isLessThanOrEqualTo(KILLS + 3);
                long acceptedBefore = sandbox.stats().objectsAccepted();
                Child child = Child.start(dir, run, file, state, sandbox);
                boolean killed = false;
                if (duplicatesPerKill.size() < KILLS) {
                    // some progress first, so the kill lands mid-import, then a random moment
                    waitFor(() -> sandbox.stats().objectsAccepted() - acceptedBefore, 10L * BATCH, child);
                    Thread.sleep(200 + random.nextInt(1301));
                    killed = child.kill();
                }
                if (killed) {
                    long users = quiet(sandbox);
                    long rows = savedCheckpointRows(state);
                    checkpointRows.add(rows);
                    duplicatesPerKill.add(users - rows);
                    assertThat(sandbox.user("external_id")).as("the header posted as a user").isEmpty();
                } else {
                    child.awaitExit(RUN_LIMIT);
                    assertThat(child.exitCode()).as("run %d: %s", run, child).isZero();
                    summary = child.summary();
                }
            }

            long totalDuplicates = sandbox.stats().objectsAccepted() - sandbox.stats().users();
            System.out.printf("kill -9 test: %d rows, concurrency %d, %d kills; checkpoint rows at each kill %s;"
                            + " duplicates per kill %s (bound %d); total duplicates %d; final summary %s%n",
                    ROWS, CONCURRENCY, duplicatesPerKill.size(), checkpointRows, duplicatesPerKill, BOUND_PER_KILL,
                    totalDuplicates, summary);

            assertThat(duplicatesPerKill).as("kills that landed mid-import").hasSizeGreaterThanOrEqualTo(3);
            assertThat(summary.get("status").asText()).isEqualTo("completed");
            assertThat(summary.get("resumed").asBoolean()).isTrue();
            assertThat(summary.get("rows_read").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("accepted").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("rejected").asLong()).isZero();
            CliHarness.assertReconciles(summary);

            assertThat(sandbox.user("external_id")).as("the header posted as a user").isEmpty();
            assertThat(sandbox.stats().users()).isEqualTo(ROWS);
            List<String> missing = new ArrayList<>();
            for (int i = 1; i <= ROWS; i++) {
                if (sandbox.user(id(i)).isEmpty()) {
                    missing.add(id(i));
                }
            }
            assertThat(missing).as("users that never arrived").isEmpty();
            assertThat(duplicatesPerKill).allSatisfy(d -> assertThat(d).as("objects re-sent after one kill")
                    .isBetween(0L, BOUND_PER_KILL));
            assertThat(totalDuplicates).as("every duplicate is explained by a kill")
                    .isEqualTo(duplicatesPerKill.stream().mapToLong(Long::longValue).sum());
        }
    }

    /**
     * One request hangs (answered only by the client's timeout) while the other seven slots of the
     * window go on. A kill during the hang must still cost no more than the bound: the batches
     * finished behind the hanging one are not covered by the watermark, so the engine should not let
     * them pile up beyond the window.
     */
    @Test
    void aSlowRequestDoesNotWidenWhatAKillResends() throws Exception {
        int rows = 30_000;
        Path file = generate(dir.resolve("users-30k.csv"), rows);
        Path state = dir.resolve("state");
        SandboxConfig config = SandboxConfig.defaults().withRateLimit(null).withLatency(Duration.ofMillis(20));
        try (BrazeSandbox sandbox = BrazeSandbox.start(config)) {
            sandbox.faults().afterRequests(20, Fault.hang(), 1);

            Child first = Child.start(dir, 1, file, state, sandbox, "--timeout", "30");
            waitFor(() -> sandbox.stats().requestsHung(), 1, first);
            long acceptedAtHang = sandbox.stats().objectsAccepted();
            // give the other slots time to run well past the window, then kill during the hang
            waitFor(() -> sandbox.stats().objectsAccepted() - acceptedAtHang, 40L * BATCH, first);
            assertThat(first.kill()).as("killed during the hang: %s", first).isTrue();
            long users = quiet(sandbox);
            long checkpoint = savedCheckpointRows(state);
            long duplicates = users - checkpoint;
            System.out.printf("kill -9 during a hanging request: checkpoint %d rows, %d users in the sandbox,"
                    + " %d objects will be sent again (bound %d)%n", checkpoint, users, duplicates, BOUND_PER_KILL);

            Child second = Child.start(dir, 2, file, state, sandbox);
            second.awaitExit(RUN_LIMIT);
            assertThat(second.exitCode()).as("%s", second).isZero();
            assertThat(second.summary().get("accepted").asLong()).isEqualTo(rows);
            assertThat(sandbox.stats().users()).isEqualTo(rows);
            assertThat(sandbox.stats().objectsAccepted() - sandbox.stats().users()).isEqualTo(duplicates);

            assertThat(duplicates).as("objects re-sent after a kill during a slow request")
                    .isLessThanOrEqualTo(BOUND_PER_KILL);
        }
    }

    // ---- the child process ----------------------------------------------------------------------

    /** {@code java -cp <this classpath> dev.sluice.cli.Main import FILE ...} with output in files. */
    private static final class Child {
        private final Process process;
        private final Path out;
        private final Path err;

        private Child(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Child start(Path dir, int run, Path file, Path state, BrazeSandbox sandbox, String... options)
                throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    "dev.sluice.cli.Main", "import", file.toString(), "--to", "braze", "--state", state.toString(),
                    "--json", "--concurrency", Integer.toString(CONCURRENCY)));
            command.addAll(List.of(options));
            Path out = dir.resolve("run-" + run + ".out");
            Path err = dir.resolve("run-" + run + ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("BRAZE_API_URL", sandbox.url());
            builder.environment().put("BRAZE_API_KEY", sandbox.apiKey());
            return new Child(builder.start(), out, err);
        }

        boolean alive() {
            return process.isAlive();
        }

        /**
         * SIGKILL, if the child still runs; true if it was killed. Proves it was a hard kill: the exit
         * status is 128 + 9, and the child printed no summary (its shutdown hook, which prints one
         * after a graceful stop, never ran).
         */
        boolean kill() throws InterruptedException {
            if (!process.isAlive()) {
                return false;
            }
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (process.exitValue() == 0) {
                return false; // it finished in the same instant
            }
            assertThat(process.exitValue()).as("SIGKILL exit status; %s", this).isEqualTo(128 + 9);
            assertThat(CliHarness.read(out)).as("a killed run prints nothing").isEmpty();
            return true;
        }

        void awaitExit(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the import did not finish within " + limit + ": " + this);
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        JsonNode summary() {
            return new CliHarness.Result(exitCode(), CliHarness.read(out), CliHarness.read(err)).json();
        }

        @Override
        public String toString() {
            return "child " + process.pid() + (process.isAlive() ? " running" : " exit " + process.exitValue())
                    + "\n--- out ---\n" + CliHarness.read(out) + "\n--- err ---\n" + CliHarness.read(err);
        }
    }

    /** Waits until {@code value} reaches {@code target}; fails if the child exits first or a minute passes. */
    private static void waitFor(LongSupplier value, long target, Child child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (value.getAsLong() < target) {
            if (!child.alive()) {
                return; // the caller finds out what it did
            }
            assertThat(System.nanoTime()).as("waited a minute for progress: %s", child).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Waits until requests of a killed client stop landing, then returns the users the sandbox holds. */
    private static long quiet(BrazeSandbox sandbox) throws InterruptedException {
        long before;
        long now = sandbox.stats().objectsAccepted();
        do {
            before = now;
            Thread.sleep(300);
            now = sandbox.stats().objectsAccepted();
        } while (now != before);
        return sandbox.stats().users();
    }

    /** Rows covered by the checkpoint the killed run left in the ledger. */
    private static long savedCheckpointRows(Path state) {
        try (SqliteLedger ledger = SqliteLedger.open(state)) {
            List<JobRecord> jobs = ledger.recent(5);
            assertThat(jobs).as("one job, resumed by every run").hasSize(1);
            return jobs.get(0).checkpoint().counts().read();
        }
    }

    private static String id(int i) {
        return String.format("u%06d", i);
    }

    /** external_id u000001…, and four attributes: a string, an int, a decimal and a boolean. */
    private static Path generate(Path file, int rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("external_id,plan,score,balance,active\n");
            for (int i = 1; i <= rows; i++) {
                w.write(id(i));
                w.write(",plan-");
                w.write(Integer.toString(i % 7));
                w.write(',');
                w.write(Integer.toString(i));
                w.write(',');
                w.write(Integer.toString(i % 1000));
                w.write(".25,");
                w.write(i % 2 == 0 ? "true" : "false");
                w.write('\n');
            }
        }
        return file;
    }
}
