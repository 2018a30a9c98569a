package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A completed file is not sent twice by accident (Braze bills every attribute): only --force sends it again. */
class AlreadyImportedTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @Test
    void aCompletedFileIsRefusedUnlessForced() {
        Path file = CliHarness.users(cli.dir().resolve("users.csv"), 200);
        CliHarness.Result first = cli.importJson(file);
        assertThat(first.exitCode()).as("%s", first).isZero();
        long requests = cli.sandbox().stats().requests();
        assertThat(requests).isEqualTo(3);

        CliHarness.Result again = cli.importJson(file);

        assertThat(again.exitCode()).as("%s", again).isZero();
        JsonNode s = again.json();
        assertThat(s.get("status").asText()).isEqualTo("already_imported");
        assertThat(s.get("message").asText()).contains("--force");
        assertThat(s.get("requests").asLong()).isZero();
        assertThat(cli.sandbox().stats().requests()).as("no new request").isEqualTo(requests);
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(200);

        CliHarness.Result forced = cli.importJson(file, "--force");

        assertThat(forced.exitCode()).as("%s", forced).isZero();
        assertThat(forced.json().get("status").asText()).isEqualTo("completed");
        assertThat(forced.json().get("accepted").asLong()).isEqualTo(200);
        assertThat(forced.json().get("resumed").asBoolean()).isFalse();
        assertThat(cli.sandbox().stats().requests()).isEqualTo(2 * requests);
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(400);
    }

    @Test
    void theTextOutputSaysItSkippedTheFile() {
        Path file = CliHarness.users(cli.dir().resolve("users.csv"), 10);
        String[] command = {"import", file.toString(), "--to", "braze", "--state", cli.state().toString()};
        assertThat(cli.run(command).exitCode()).isZero();

        CliHarness.Result again = cli.run(command);

        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.out()).contains("already imported").contains("--force");
        assertThat(cli.sandbox().stats().requests()).isEqualTo(1);
    }

    @Test
    void aFileImportedAfterARejectedRowIsAlsoRefused() {
        Path file = CliHarness.write(cli.dir().resolve("ragged.csv"), "external_id,plan\nu1,gold\nu2,silver,extra\n");
        assertThat(cli.importJson(file).exitCode()).isEqualTo(1);

        CliHarness.Result again = cli.importJson(file);

        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.json().get("status").asText()).isEqualTo("already_imported");
        assertThat(cli.sandbox().stats().requests()).isEqualTo(1);
    }
}
