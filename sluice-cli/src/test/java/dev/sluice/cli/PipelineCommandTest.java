package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code import --pipeline NAME} and {@code check-config} with a real sluice.yaml. */
class PipelineCommandTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    private Path config(String text) throws IOException {
        return Files.writeString(cli.dir().resolve("sluice.yaml"), text);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SANDBOX_URL", cli.sandbox().url());
        env.put("SANDBOX_KEY", cli.sandbox().apiKey());
        return env;
    }

    private static final String PIPELINES = """
            state: state
            pipelines:
              users:
                source: { folder: ./incoming }
                format: { delimiter: ";" }
                types: { zip: string, age: int }
                destination:
                  braze:
                    rest_url: ${SANDBOX_URL}
                    api_key: ${SANDBOX_KEY}
                    id_column: user_id
                    batch_size: 2
            """;

    @Test
    void aPipelineSuppliesTheDestinationItsOptionsAndTheLedger() throws IOException {
        Path config = config(PIPELINES);
        Path file = Files.writeString(cli.dir().resolve("users.csv"), "user_id;zip;age\nu1;02134;30\nu2;10001;40\nu3;007;50\n");

        CliHarness.Result run = CliHarness.run(env(), "import", file.toString(), "--pipeline", "users",
                "--config", config.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("accepted").asLong()).isEqualTo(3);
        assertThat(run.json().get("requests").asLong()).as("batch_size 2 from the pipeline").isEqualTo(2);
        assertThat(cli.sandbox().user("u1")).hasValueSatisfying(user -> {
            assertThat(user).containsEntry("zip", "02134");
            assertThat(user.get("age")).isEqualTo(30L);
        });
        assertThat(cli.dir().resolve("state").resolve("ledger.db")).exists();
    }

    @Test
    void theCommandLineWinsOverThePipeline() throws IOException {
        Path config = config(PIPELINES);
        Path file = Files.writeString(cli.dir().resolve("users.csv"), "user_id;zip;age\nu1;1;2\nu2;3;4\nu3;5;6\n");

        CliHarness.Result run = CliHarness.run(env(), "import", file.toString(), "--pipeline", "users",
                "--config", config.toString(), "--json", "--batch-size", "75");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("requests").asLong()).isEqualTo(1);
    }

    @Test
    void checkConfigListsThePipelinesAndABadFileNamesItsLineAndField() throws IOException {
        Path config = config(PIPELINES);
        CliHarness.Result ok = CliHarness.run(env(), "check-config", "--config", config.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("users").contains("braze").doesNotContain(cli.sandbox().apiKey());

        Path withQueue = config(PIPELINES + """
                personalize_queues:
                  recs:
                    queue: https://sqs.us-east-1.amazonaws.com/123456789012/recs
                    attribute_shape: arrays
                    braze: { rest_url: "${SANDBOX_URL}", api_key: "${SANDBOX_KEY}" }
                """);
        CliHarness.Result queues = CliHarness.run(env(), "check-config", "--config", withQueue.toString());
        assertThat(queues.exitCode()).as(queues.err()).isZero();
        assertThat(queues.out()).contains("recs").contains("/123456789012/recs").contains("Personalize rows, arrays");

        Path bad = config(PIPELINES.replace("batch_size: 2", "bach_size: 2"));
        CliHarness.Result refused = CliHarness.run(env(), "check-config", "--config", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("sluice.yaml:12:").contains("bach_size").contains("batch_size");
    }

    @Test
    void anUnknownPipelineIsAUsageErrorAndNothingIsSent() throws IOException {
        Path config = config(PIPELINES);
        Path file = Files.writeString(cli.dir().resolve("users.csv"), "user_id;zip\nu1;1\n");
        CliHarness.Result run = CliHarness.run(env(), "import", file.toString(), "--pipeline", "userz",
                "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("userz").contains("users");
        assertThat(cli.sandbox().stats().requests()).isZero();
    }
}
