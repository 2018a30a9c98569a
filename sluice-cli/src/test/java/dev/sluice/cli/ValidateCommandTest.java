package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sluice validate}: a dry run that types the whole file, lists the rows an import would
 * reject and counts the requests and attribute updates (data points) it would send, and sends
 * nothing — even with a workspace in the environment.
 */
class ValidateCommandTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @Test
    void aCleanFileCountsRequestsAndAttributeUpdates() {
        // 160 rows: 75 + 75 + 10 = 3 requests; plan and score on every row, city on every other one
        Path file = CliHarness.writeRows(cli.dir().resolve("users.csv"), "external_id,plan,score,city", 160,
                i -> CliHarness.userId(i) + ",p" + i + "," + i + "," + (i % 2 == 0 ? "c" + i : ""), "\n");

        CliHarness.Result run = cli.validate(file);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(number(run.out(), "rows read")).isEqualTo(160);
        assertThat(number(run.out(), "would be sent")).isEqualTo(160);
        assertThat(number(run.out(), "would be rejected")).isZero();
        assertThat(number(run.out(), "requests")).isEqualTo(3);
        assertThat(number(run.out(), "attribute updates")).isEqualTo(160 * 2 + 80);
        assertNothingSentOrWritten(file);
    }

    @Test
    void rowsThatWouldBeRejectedArePrintedWithLineAndReason() {
        Path file = CliHarness.writeRows(cli.dir().resolve("users.csv"), "external_id,plan,score", 160, i -> switch (i) {
            case 4 -> "u0004,short";                  // line 5
            case 8 -> ",no id,8";                     // line 9
            case 100 -> "u0100,p100,100,extra";       // line 101
            default -> CliHarness.userId(i) + ",p" + i + "," + i;
        }, "\n");

        CliHarness.Result run = cli.validate(file);

        assertThat(run.exitCode()).as("exit 1: rows would be rejected; %s", run).isEqualTo(1);
        assertThat(number(run.out(), "rows read")).isEqualTo(160);
        assertThat(number(run.out(), "would be sent")).isEqualTo(157);
        assertThat(number(run.out(), "would be rejected")).isEqualTo(3);
        assertThat(number(run.out(), "requests")).isEqualTo(3);
        assertThat(number(run.out(), "attribute updates")).isEqualTo(157 * 2);
        assertThat(run.out()).containsPattern("line 5\\b.*2 fields")
                .containsPattern("line 9\\b.*identifier")
                .containsPattern("line 101\\b.*4 fields");
        assertNothingSentOrWritten(file);
    }

    @Test
    void showLimitsThePrintedRowsAndRejectsKeepsThemAll() {
        Path file = CliHarness.writeRows(cli.dir().resolve("users.csv"), "external_id,plan", 50,
                i -> i % 2 == 0 ? CliHarness.userId(i) + ",x,y" : CliHarness.userId(i) + ",p", "\n");
        Path rejects = cli.dir().resolve("would-reject.csv");

        CliHarness.Result run = cli.validate(file, "--show", "3", "--rejects", rejects.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(Pattern.compile("^  line \\d+", Pattern.MULTILINE).matcher(run.out()).results().count())
                .isEqualTo(3);
        assertThat(run.out()).contains("more");
        assertThat(CliHarness.rejects(rejects)).hasSize(25);
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @Test
    void validateDoesNotCountAsAnImport() {
        Path file = CliHarness.users(cli.dir().resolve("users.csv"), 20);
        assertThat(cli.validate(file).exitCode()).isZero();

        CliHarness.Result run = cli.importJson(file);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("status").asText()).isEqualTo("completed");
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(20);
    }

    private void assertNothingSentOrWritten(Path file) {
        assertThat(cli.sandbox().stats().requests()).as("validate sends nothing").isZero();
        assertThat(file.resolveSibling("users.rejects.csv")).as("no rejects file beside the input").doesNotExist();
        assertThat(Files.exists(cli.state())).as("no ledger").isFalse();
    }

    /** The number on the summary line that starts with {@code label}. */
    private static long number(String out, String label) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(label) + "\\s+([\\d,]+)", Pattern.MULTILINE).matcher(out);
        assertThat(m.find()).as("a '%s' line in:%n%s", label, out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
