package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bad row is rejected with its line number into the rejects file and the rest of the file goes
 * on (braze.md 5, regressions 3, 4); the JSON summary has every field and its counts reconcile.
 */
class RejectedRowsTest {
    private static final String FILE = "external_id,plan,score\n"
            + "u1,gold,1\n"          // line 2
            + "u2,silver\n"          // line 3: short
            + "u3,bronze,3,extra\n"  // line 4: wide
            + "u4,,\n"               // line 5: nothing to update: skipped
            + ",orphan,5\n"          // line 6: no identifier
            + "u6,tin,6\n";          // line 7

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @Test
    void raggedRowsAreRejectedWithTheirLineAndTheRestImported() throws Exception {
        Path file = CliHarness.write(cli.dir().resolve("users.csv"), FILE);

        CliHarness.Result run = cli.importJson(file);

        assertThat(run.exitCode()).as("exit 1: finished with rejected rows; %s", run).isEqualTo(1);
        JsonNode s = run.json();
        assertThat(s.fieldNames()).toIterable().contains("status", "rows_read", "accepted", "rejected", "skipped",
                "requests", "retries", "duration_ms", "checkpoint_offset", "rejects_file", "resumed");
        assertThat(s.get("status").asText()).isEqualTo("completed");
        assertThat(s.get("rows_read").asLong()).isEqualTo(6);
        assertThat(s.get("accepted").asLong()).isEqualTo(2);
        assertThat(s.get("rejected").asLong()).isEqualTo(3);
        assertThat(s.get("skipped").asLong()).isEqualTo(1);
        CliHarness.assertReconciles(s);
        assertThat(s.get("requests").asLong()).isEqualTo(1);
        assertThat(s.get("retries").asLong()).isZero();
        assertThat(s.get("duration_ms").asLong()).isNotNegative();
        assertThat(s.get("checkpoint_offset").asLong()).isEqualTo(Files.size(file));
        assertThat(s.get("resumed").asBoolean()).isFalse();

        Path rejects = cli.dir().resolve("users.rejects.csv");
        assertThat(Path.of(s.get("rejects_file").asText())).isEqualTo(rejects);
        List<CliHarness.Reject> rows = CliHarness.rejects(rejects);
        assertThat(rows).extracting(CliHarness.Reject::line).containsExactly(3L, 4L, 6L);
        assertThat(rows.get(0).reason()).contains("2 fields");
        assertThat(rows.get(0).original()).isEqualTo("u2,silver");
        assertThat(rows.get(1).reason()).contains("4 fields");
        assertThat(rows.get(1).original()).isEqualTo("u3,bronze,3,extra");
        assertThat(rows.get(2).reason()).contains("identifier");
        assertThat(rows.get(2).original()).isEqualTo(",orphan,5");

        assertThat(cli.sandbox().user("u1")).isPresent();
        assertThat(cli.sandbox().user("u6")).isPresent();
        assertThat(cli.sandbox().user("u2")).isEmpty();
        assertThat(cli.sandbox().user("u3")).isEmpty();
        assertThat(cli.sandbox().user("u4")).isEmpty();
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(2);
    }

    @Test
    void rejectsGoWhereTheOptionSays() throws Exception {
        Path file = CliHarness.write(cli.dir().resolve("in/users.csv"), FILE);
        Path rejects = cli.dir().resolve("out/bad rows.csv");

        CliHarness.Result run = cli.importJson(file, "--rejects", rejects.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(Path.of(run.json().get("rejects_file").asText())).isEqualTo(rejects);
        assertThat(CliHarness.rejects(rejects)).hasSize(3);
        assertThat(cli.dir().resolve("in/users.rejects.csv")).doesNotExist();
    }

    @Test
    void aCleanFileHasNoRejectsFile() throws Exception {
        Path file = CliHarness.users(cli.dir().resolve("clean.csv"), 10);

        CliHarness.Result run = cli.importJson(file);

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode s = run.json();
        assertThat(s.get("rejects_file").isNull()).as("rejects_file is null: %s", s).isTrue();
        assertThat(s.get("accepted").asLong()).isEqualTo(10);
        CliHarness.assertReconciles(s);
        assertThat(cli.dir().resolve("clean.rejects.csv")).doesNotExist();
    }

    @Test
    void theTextSummaryPointsAtTheRejectsFile() {
        Path file = CliHarness.write(cli.dir().resolve("users.csv"), FILE);

        CliHarness.Result run = cli.run("import", file.toString(), "--to", "braze", "--state", cli.state().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).contains("rows read").contains("rejected").contains("users.rejects.csv");
    }
}
