package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sluice serve} watching a folder: files dropped there, one written slowly, are imported once each. */
class ServeFolderTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    /** One pipeline: the folder incoming/ into the sandbox, whose URL and key come from the environment. */
    private Path config() throws java.io.IOException {
        return Files.writeString(cli.dir().resolve("sluice.yaml"), """
                state: state
                pipelines:
                  users:
                    source: { folder: ./incoming }
                    destination:
                      braze:
                        rest_url: ${SANDBOX_URL}
                        api_key: ${SANDBOX_KEY}
                """);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(cli.env());
        env.put("SANDBOX_URL", cli.sandbox().url());
        env.put("SANDBOX_KEY", cli.sandbox().apiKey());
        return env;
    }

    private static String rows(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "u" + i + "," + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void filesDroppedInTheFolderAreImportedOnceEachAndMovedToDone() throws Exception {
        Path config = config();
        Path incoming = Files.createDirectories(cli.dir().resolve("incoming"));
        Map<String, String> env = env();

        CompletableFuture<CliHarness.Result> serving = CompletableFuture.supplyAsync(() -> CliHarness.run(env,
                "serve", "--config", config.toString(), "--port", "0", "--interval", "800", "--looks", "8"));
        Files.writeString(incoming.resolve("quick.csv"), "external_id,score\n" + rows(1, 100));
        Path slow = incoming.resolve("slow.csv");
        Files.writeString(slow, "external_id,score\n" + rows(101, 150));
        // the writer pauses less than one look interval: the file keeps changing between looks
        for (int chunk = 1; chunk <= 10; chunk++) {
            Thread.sleep(100);
            Files.writeString(slow, rows(135 + chunk * 15 + 1, 150 + chunk * 15), StandardOpenOption.APPEND);
        }
        Files.writeString(incoming.resolve("notes.txt"), "not a csv");
        CliHarness.Result served = serving.get(60, TimeUnit.SECONDS);

        assertThat(served.exitCode()).as(served.err()).isZero();
        assertThat(cli.sandbox().stats().objectsAccepted()).as("every row once").isEqualTo(300);
        assertThat(cli.sandbox().stats().users()).isEqualTo(300);
        assertThat(cli.sandbox().user("u300")).isPresent();
        assertThat(incoming.resolve("done/quick.csv")).exists();
        assertThat(incoming.resolve("done/slow.csv")).exists();
        assertThat(incoming.resolve("quick.csv")).doesNotExist();
        assertThat(incoming.resolve("notes.txt")).as("not a .csv: left alone").exists();
        assertThat(served.out()).contains("importing").contains("done: ");
    }

    @Test
    void aFileThatCannotBeImportedMovesToFailed() throws Exception {
        Path config = config();
        Path incoming = Files.createDirectories(cli.dir().resolve("incoming"));
        Files.writeString(incoming.resolve("no-id.csv"), "name,score\nAda,1\n");
        Map<String, String> env = env();

        CliHarness.Result served = CliHarness.run(env, "serve", "--config", config.toString(), "--port", "0",
                "--interval", "100", "--looks", "3");

        assertThat(served.exitCode()).as(served.toString()).isEqualTo(ExitCode.REJECTED_ROWS);
        assertThat(served.out()).contains("files: 0 done, 1 failed");
        assertThat(incoming.resolve("failed/no-id.csv")).exists();
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @Test
    void aNewFileUnderAnImportedFilesNameIsImportedToo() throws Exception {
        Path config = config();
        Path incoming = Files.createDirectories(cli.dir().resolve("incoming"));
        Map<String, String> env = env();
        Files.writeString(incoming.resolve("daily.csv"), "external_id,score\n" + rows(1, 20));
        CliHarness.Result first = CliHarness.run(env, "serve", "--config", config.toString(), "--port", "0",
                "--interval", "100", "--stop-when-idle", "3");
        Files.writeString(incoming.resolve("daily.csv"), "external_id,score\n" + rows(21, 50));
        CliHarness.Result second = CliHarness.run(env, "serve", "--config", config.toString(), "--port", "0",
                "--interval", "100", "--stop-when-idle", "3");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("importing " + incoming.resolve("daily.csv")).contains("files: 1 done");
        assertThat(cli.sandbox().stats().objectsAccepted()).as("both exports, each once").isEqualTo(50);
        assertThat(incoming.resolve("daily.csv")).doesNotExist();
    }

    @Test
    void aStoppedFileWaitsBeforeItIsTriedAgainAndTheRunSaysSo() throws Exception {
        Path config = config();
        Path incoming = Files.createDirectories(cli.dir().resolve("incoming"));
        Files.writeString(incoming.resolve("users.csv"), "external_id,score\n" + rows(1, 10));
        Map<String, String> env = env();
        env.put("SANDBOX_KEY", "a-revoked-key"); // the sandbox answers 401: the import stops, resumable

        CliHarness.Result served = CliHarness.run(env, "serve", "--config", config.toString(), "--port", "0",
                "--interval", "100", "--looks", "8");

        assertThat(served.exitCode()).as(served.toString()).isEqualTo(ExitCode.STOPPED);
        assertThat(served.out().lines().filter(l -> l.startsWith("importing "))).as("tried once in 8 looks").hasSize(1);
        assertThat(served.out()).contains("next attempt in 30 s").contains("1 stopped (resume at the next start)");
        assertThat(incoming.resolve("users.csv")).as("left to resume").exists();
    }
}
