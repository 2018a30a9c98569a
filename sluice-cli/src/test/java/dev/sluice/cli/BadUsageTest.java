package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad usage, configuration or header: exit 2, a message that says what is wrong, and nothing sent. */
class BadUsageTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    private Path users;

    @BeforeEach
    void writeUsers() {
        users = CliHarness.users(cli.dir().resolve("users.csv"), 100);
    }

    @ParameterizedTest(name = "import USERS {0}")
    @CsvSource(delimiter = '|', value = {
            "--to salesforce                         | salesforce",
            "--to braze --type a=b=c                 | a=b=c",
            "--to braze --type plan                  | plan",
            "--to braze --type plan=decimal          | decimal",
            "--to braze --type nosuch=int            | nosuch",
            "--to braze --type external_id=int       | external_id",
            "--to braze --headers external_id,plan   | --headers",
            "--to braze --offset 10                  | --headers",
            "--to braze --offset -1 --headers a,b    | --offset",
            "--to braze --concurrency 0              | concurrency",
            "--to braze --rate-limit fast            | fast",
            "--to braze --timeout 0                  | --timeout",
            "--to braze --empty-cells maybe          | maybe",
            "--to braze --delimiter ab               | --delimiter",
            "--to braze --id-column nosuch           | nosuch",
            "--to braze --bogus                      | --bogus",
            "--type plan=int                         | --to",
    })
    void badOptionsSendNothing(String options, String mentioned) {
        List<String> args = new ArrayList<>(List.of("import", users.toString(), "--state", cli.state().toString(),
                "--json"));
        args.addAll(Arrays.asList(options.trim().split("\\s+")));

        CliHarness.Result run = cli.run(args.toArray(new String[0]));

        assertNothingSent(run);
        assertThat(run.all()).as("the message names the problem").contains(mentioned.trim());
        assertThat(run.json().get("status").asText()).as("--json gets a JSON answer too").isEqualTo("invalid");
        assertThat(run.json().get("message").asText()).contains(mentioned.trim());
    }

    @Test
    void noSuchFile() {
        CliHarness.Result run = cli.importJson(cli.dir().resolve("missing.csv"));

        assertNothingSent(run);
        assertThat(run.all()).contains("no such file").contains("missing.csv");
    }

    @Test
    void aDirectoryIsNotAFile() {
        CliHarness.Result run = cli.importJson(cli.dir());

        assertNothingSent(run);
        assertThat(run.all()).contains(cli.dir().toString());
    }

    @Test
    void urlWithoutKey() {
        CliHarness.Result run = CliHarness.run(Map.of("BRAZE_API_URL", cli.sandbox().url()),
                "import", users.toString(), "--to", "braze", "--state", cli.state().toString(), "--json");

        assertNothingSent(run);
        assertThat(run.all()).contains("BRAZE_API_KEY");
    }

    @Test
    void urlThatIsNotAUrl() {
        CliHarness.Result run = CliHarness.run(Map.of("BRAZE_API_URL", "rest.iad-01.braze.com", "BRAZE_API_KEY", "k"),
                "import", users.toString(), "--to", "braze", "--state", cli.state().toString(), "--json");

        assertNothingSent(run);
        assertThat(run.all()).contains("BRAZE_API_URL");
    }

    @Test
    void headerWithoutAnIdentifierColumn() {
        Path file = CliHarness.write(cli.dir().resolve("noid.csv"), "user,plan\nu1,gold\n");

        CliHarness.Result run = cli.importJson(file);

        assertNothingSent(run);
        assertThat(run.json().get("status").asText()).isEqualTo("invalid");
        assertThat(run.all()).contains("no identifier column");
    }

    @Test
    void caseVariantOfExternalIdIsExplained() {
        Path file = CliHarness.write(cli.dir().resolve("case.csv"), "External_ID,plan\nu1,gold\n");

        CliHarness.Result run = cli.importJson(file);

        assertNothingSent(run);
        assertThat(run.all()).contains("External_ID").contains("external_id");
    }

    @Test
    void duplicateHeaderNames() {
        Path file = CliHarness.write(cli.dir().resolve("dup.csv"), "external_id,plan,plan\nu1,gold,silver\n");

        CliHarness.Result run = cli.importJson(file);

        assertNothingSent(run);
        assertThat(run.all()).contains("plan");
    }

    @Test
    void validateRefusesBadUsageToo() {
        Path file = CliHarness.write(cli.dir().resolve("noid.csv"), "user,plan\nu1,gold\n");

        assertThat(cli.validate(file).exitCode()).isEqualTo(2);
        assertThat(cli.validate(users, "--type", "a=b=c").exitCode()).isEqualTo(2);
        assertThat(cli.run("validate", users.toString(), "--to", "nowhere").exitCode()).isEqualTo(2);
        assertThat(cli.validate(cli.dir().resolve("missing.csv")).exitCode()).isEqualTo(2);
    }

    private void assertNothingSent(CliHarness.Result run) {
        assertThat(run.exitCode()).as("exit 2: bad usage; %s", run).isEqualTo(2);
        assertThat(cli.sandbox().stats().requests()).as("nothing sent").isZero();
        assertThat(run.all()).as("the API key is never printed").doesNotContain(cli.sandbox().apiKey());
    }
}
