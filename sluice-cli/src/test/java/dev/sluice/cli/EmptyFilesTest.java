package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A 0-byte file and a header-only file are a clean "no rows", not a failure (braze.md 1.12 defect 7, regression 16). */
class EmptyFilesTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0 bytes|",
            "header, LF|external_id,plan\\n",
            "header, CRLF|external_id,plan\\r\\n",
            "header without a line break|external_id,plan",
            "header with a BOM|\\uFEFFexternal_id,plan\\n",
    })
    void noRowsIsACleanSuccess(String name, String content) {
        String text = content == null ? "" : content.replace("\\n", "\n").replace("\\r", "\r")
                .replace("\\uFEFF", "\uFEFF");
        Path file = CliHarness.write(cli.dir().resolve("empty.csv"), text);

        CliHarness.Result run = cli.importJson(file);

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode s = run.json();
        assertThat(s.get("status").asText()).isEqualTo("completed");
        if (text.isEmpty()) {
            assertThat(s.get("message").asText()).isEqualTo("no rows");
        }
        assertThat(s.get("rows_read").asLong()).isZero();
        assertThat(s.get("requests").asLong()).isZero();
        CliHarness.assertReconciles(s);
        assertThat(cli.sandbox().stats().requests()).isZero();
        assertThat(cli.dir().resolve("empty.rejects.csv")).doesNotExist();
    }

    @Test
    void theTextOutputSaysNoRows() {
        Path file = CliHarness.write(cli.dir().resolve("empty.csv"), "");

        CliHarness.Result run = cli.run("import", file.toString(), "--to", "braze", "--state", cli.state().toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("no rows");
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @Test
    void validateSaysNoRowsToo() {
        Path file = CliHarness.write(cli.dir().resolve("empty.csv"), "external_id,plan\n");

        CliHarness.Result run = cli.validate(file);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("rows read").contains("0");
    }
}
