package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quoted multi-line values and CRLF line endings survive byte for byte, and line numbers in the
 * rejects file count physical lines (braze.md 5, regression 5).
 */
class LineEndingsTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @Test
    void quotedNewlinesAndCrlfSurviveByteForByte() {
        String file = "external_id,address,note\r\n"                        // line 1
                + "u1,\"12 Main St\r\nApt 4\",\"line one\nline two\"\r\n"    // lines 2-4
                + "u2,\"say \"\"hi\"\"\r\n\r\nbye\",plain\r\n"               // lines 5-7
                + "u3,bad,row,here\r\n"                                     // line 8: wide
                + "u4,\" padded \",\"caf\u00e9 \u2713 \ud83d\ude00\"\r\n"    // line 9
                + "u5,\"ends with CR\r\",\"tab\there\"";                     // line 10, no final line break
        Path path = CliHarness.write(cli.dir().resolve("crlf.csv"), file);

        CliHarness.Result run = cli.importJson(path);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        JsonNode s = run.json();
        assertThat(s.get("rows_read").asLong()).isEqualTo(5);
        assertThat(s.get("accepted").asLong()).isEqualTo(4);
        CliHarness.assertReconciles(s);

        assertThat(cli.sandbox().user("u1").orElseThrow())
                .containsEntry("address", "12 Main St\r\nApt 4")
                .containsEntry("note", "line one\nline two");
        assertThat(cli.sandbox().user("u2").orElseThrow())
                .containsEntry("address", "say \"hi\"\r\n\r\nbye")
                .containsEntry("note", "plain");
        assertThat(cli.sandbox().user("u4").orElseThrow())
                .containsEntry("address", " padded ")
                .containsEntry("note", "caf\u00e9 \u2713 \ud83d\ude00");
        assertThat(cli.sandbox().user("u5").orElseThrow())
                .containsEntry("address", "ends with CR\r")
                .containsEntry("note", "tab\there");

        List<CliHarness.Reject> rejects = CliHarness.rejects(cli.dir().resolve("crlf.rejects.csv"));
        assertThat(rejects).extracting(CliHarness.Reject::line)
                .as("the wide row starts on physical line 8").containsExactly(8L);
        assertThat(rejects.get(0).original()).isEqualTo("u3,bad,row,here");
    }

    @Test
    void bareCarriageReturnLineEndings() {
        Path path = CliHarness.write(cli.dir().resolve("cr.csv"), "external_id,plan\ru1,gold\ru2,\"two\rlines\"\r");

        CliHarness.Result run = cli.importJson(path);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(cli.sandbox().user("u1").orElseThrow()).containsEntry("plan", "gold");
        assertThat(cli.sandbox().user("u2").orElseThrow()).containsEntry("plan", "two\rlines");
    }
}
