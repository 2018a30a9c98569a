package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --help} of every command exits 0 and documents what the issue asks for. */
class HelpTest {

    private static CliHarness.Result help(String... args) {
        CliHarness.Result run = CliHarness.run(Map.of(), args);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).as("help goes to standard output").isNotBlank();
        return run;
    }

    @Test
    void topLevel() {
        String text = help("--help").out();

        assertThat(text).contains("import", "validate", "braze-sandbox", "jobs")
                .contains("BRAZE_API_URL", "BRAZE_API_KEY")
                .contains("Exit codes");
    }

    @Test
    void noArgumentsFailsAndPointsAtTheHelp() {
        CliHarness.Result run = CliHarness.run(Map.of());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("Try 'sluice --help'.");
    }

    @Test
    void aMistakeInASubcommandPointsAtItsHelp() {
        CliHarness.Result run = CliHarness.run(Map.of(), "import", "--to", "braze");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("FILE").contains("Try 'sluice import --help'.");
    }

    @Test
    void importHelpMentionsEveryOption() {
        String text = help("import", "--help").out();

        assertThat(text).contains("--to", "--type", "--concurrency", "--rate-limit", "--update-existing-only",
                "--force", "--offset", "--headers", "--rejects", "--json", "--state", "--timeout", "--id-column",
                "--null-token", "--empty-cells", "--batch-size", "FILE");
    }

    @Test
    void validateHelpMentionsItsOptions() {
        String text = help("validate", "--help").out();

        assertThat(text).contains("--to", "--type", "--update-existing-only", "--rejects", "--id-column",
                "--null-token", "--batch-size", "FILE")
                .contains("nothing");
    }

    @Test
    void brazeSandboxHelpMentionsItsOptions() {
        String text = help("braze-sandbox", "--help").out();

        assertThat(text).contains("--port", "--api-key", "--rate-limit", "--latency-ms", "--faults", "--seed",
                "BRAZE_API_URL");
    }

    @Test
    void version() {
        assertThat(help("--version").out()).startsWith("sluice ");
    }
}
