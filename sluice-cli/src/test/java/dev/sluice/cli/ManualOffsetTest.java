package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --offset N --headers A,B,C}, the seed's continuation event: a run that starts at a row
 * boundary sends exactly the rows from there on, never the header (braze.md 1.12 defect 2,
 * regressions 7, 9), and an offset that is not a row boundary sends nothing.
 */
class ManualOffsetTest {
    private static final int ROWS = 1000;
    private static final String HEADERS = "external_id,plan,score";

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    /** The 1,000-row file, and where each of its lines starts (index 0: the header, i: row i). */
    private record Fixture(Path file, long[] lineStarts, long size) {
    }

    private Fixture fixture(String eol) {
        Path file = CliHarness.writeRows(cli.dir().resolve("users.csv"), HEADERS, ROWS,
                i -> CliHarness.userId(i) + ",p" + i + "," + i, eol);
        byte[] bytes = CliHarness.read(file).getBytes(StandardCharsets.UTF_8);
        List<Long> starts = new ArrayList<>(List.of(0L));
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && i + 1 < bytes.length) {
                starts.add(i + 1L);
            }
        }
        assertThat(starts).hasSize(ROWS + 1);
        return new Fixture(file, starts.stream().mapToLong(Long::longValue).toArray(), bytes.length);
    }

    @ParameterizedTest(name = "{0} line endings, starting at row {1}")
    @CsvSource({"LF,1", "LF,2", "LF,76", "LF,500", "LF,999", "LF,1000", "CRLF,1", "CRLF,501"})
    void startingAtARowSendsExactlyTheRowsFromThere(String eol, int firstRow) {
        Fixture f = fixture(eol.equals("LF") ? "\n" : "\r\n");
        long offset = f.lineStarts()[firstRow];

        CliHarness.Result run = cli.importJson(f.file(), "--offset", Long.toString(offset), "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isZero();
        int expected = ROWS - firstRow + 1;
        assertThat(run.json().get("rows_read").asLong()).isEqualTo(expected);
        assertThat(run.json().get("accepted").asLong()).isEqualTo(expected);
        assertArrivedExactly(firstRow);
    }

    @Test
    void offsetZeroWithHeadersNeverPostsTheHeaderLine() {
        Fixture f = fixture("\n");

        CliHarness.Result run = cli.importJson(f.file(), "--offset", "0", "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("rows_read").asLong()).isEqualTo(ROWS);
        assertArrivedExactly(1);
    }

    @Test
    void offsetZeroWithHeadersAcceptsABomHeader() {
        Path file = CliHarness.write(cli.dir().resolve("bom.csv"), "\uFEFF" + HEADERS + "\nu0001,p1,1\nu0002,p2,2\n");

        CliHarness.Result run = cli.importJson(file, "--offset", "0", "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(cli.sandbox().stats().users()).isEqualTo(2);
    }

    @Test
    void offsetZeroWithOtherHeadersIsRefused() {
        Fixture f = fixture("\n");

        CliHarness.Result run = cli.importJson(f.file(), "--offset", "0", "--headers", "external_id,plan,points");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.all()).contains("--headers");
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @Test
    void offsetAtTheEndSendsNothingAndSucceeds() {
        Fixture f = fixture("\n");

        CliHarness.Result run = cli.importJson(f.file(), "--offset", Long.toString(f.size()), "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("rows_read").asLong()).isZero();
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @ParameterizedTest(name = "{0} bytes into row 10")
    @CsvSource({"1", "3", "10"})
    void anOffsetInsideALineSendsNothing(int into) {
        Fixture f = fixture("\n");
        long offset = f.lineStarts()[10] + into;

        CliHarness.Result run = cli.importJson(f.file(), "--offset", Long.toString(offset), "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.all()).contains("--offset " + offset).contains("not at the start of a line");
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    /**
     * The byte after a CR is not a row start when it is the LF of a CRLF: the CRLF pair ends the line.
     * (Accepting it, as StartPoint.manual does today, imports the right rows but counts the LF as one
     * more line, so every line number in the rejects file is one too high.)
     */
    @Test
    void anOffsetBetweenCrAndLfSendsNothing() {
        Fixture f = fixture("\r\n");
        long offset = f.lineStarts()[10] - 1; // the \n of row 9's \r\n

        CliHarness.Result run = cli.importJson(f.file(), "--offset", Long.toString(offset), "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.all()).contains("not at the start of a line");
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @Test
    void anOffsetPastTheEndSendsNothing() {
        Fixture f = fixture("\n");

        CliHarness.Result run = cli.importJson(f.file(), "--offset", Long.toString(f.size() + 10),
                "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.all()).contains("past the end");
        assertThat(cli.sandbox().stats().requests()).isZero();
    }

    @Test
    void rejectsAfterAnOffsetNameTheFilesOwnLines() {
        Path file = CliHarness.writeRows(cli.dir().resolve("ragged.csv"), HEADERS, 300,
                i -> i == 250 ? "u0250,short" : CliHarness.userId(i) + ",p" + i + "," + i, "\n");
        byte[] bytes = CliHarness.read(file).getBytes(StandardCharsets.UTF_8);
        long offset = 0;
        for (int i = 0, newlines = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++newlines == 201) {
                offset = i + 1; // start of row 201, line 202
                break;
            }
        }

        CliHarness.Result run = cli.importJson(file, "--offset", Long.toString(offset), "--headers", HEADERS);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(CliHarness.rejects(cli.dir().resolve("ragged.rejects.csv")))
                .extracting(CliHarness.Reject::line).containsExactly(251L);
    }

    /** Users of rows firstRow..ROWS arrived, each once; none before it; never the header as a user. */
    private void assertArrivedExactly(int firstRow) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            boolean present = cli.sandbox().user(CliHarness.userId(i)).isPresent();
            if (i >= firstRow && !present) {
                missing.add(CliHarness.userId(i));
            } else if (i < firstRow && present) {
                unexpected.add(CliHarness.userId(i));
            }
        }
        assertThat(missing).as("users from row %d on", firstRow).isEmpty();
        assertThat(unexpected).as("users before row %d", firstRow).isEmpty();
        assertThat(cli.sandbox().user("external_id")).as("the header line posted as a user").isEmpty();
        assertThat(cli.sandbox().stats().users()).isEqualTo(ROWS - firstRow + 1);
        assertThat(cli.sandbox().stats().objectsAccepted()).as("each row sent once").isEqualTo(ROWS - firstRow + 1);
    }
}
