package dev.sluice.postgres.load;

import static dev.sluice.postgres.load.LoadTesting.csv;
import static dev.sluice.postgres.load.LoadTesting.file;
import static dev.sluice.postgres.load.LoadTesting.loadCommitted;
import static dev.sluice.postgres.load.LoadTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad rows never reach the COPY: they fail the load, or go to the rejects file with counts that reconcile. */
class BadRowsTest {
    private static final TableDef T = new TableDef("public", "t", List.of(
            new ColumnDef("id", "bigint", true), new ColumnDef("name", "character varying(5)", true),
            new ColumnDef("score", "numeric(3,2)", true), new ColumnDef("at", "timestamp without time zone", true),
            new ColumnDef("ok", "boolean", true)), List.of("id"));

    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    @TempDir
    Path dir;

    @Test
    void theFeedReportsRowsAndBytesForAProgressLineAsItGoes() throws Exception {
        StringBuilder csv = new StringBuilder("id,name,score,at,ok\n");
        for (int i = 1; i <= 10_000; i++) {
            csv.append(i).append(",n").append(i % 1000).append(",1.5,,t\n");
        }
        Path file = Files.writeString(dir.resolve("t.csv"), csv);
        dev.sluice.core.engine.JobProgress progress = new dev.sluice.core.engine.JobProgress();
        try (Connection c = pg.connect()) {
            loadCommitted(c, new LoadRequest(T, LoadMode.APPEND, List.of(file(file, null)), DriftPolicy.FAIL,
                    LoadOptions.defaults().withProgress(progress)));
        }
        assertThat(progress.committedRows()).isEqualTo(10_000);
        assertThat(progress.totalBytes()).isEqualTo(Files.size(file));
        assertThat(progress.bytesRead()).as("the whole file read").isEqualTo(Files.size(file));
    }

    @Test
    void rejectedRowsGoToTheRejectsFileWithLineColumnAndReasonAndTheRestLoads() throws Exception {
        Path file = Files.write(dir.resolve("t.csv"), ("id,name,score,at,ok\n"
                + "1,ann,1.5,2024-10-16 12:00:00,t\n"
                + "2,toolong,1.5,2024-10-16 12:00:00,t\n"
                + "3,bob,10.5,2024-10-16 12:00:00,t\n"
                + "4,cy,1,2024-02-30 12:00:00,t\n"
                + "5,dee,1,,maybe\n"
                + "6,eve,1\n"
                + "7,\"quoted\"tail,1,,\n"
                + "8,nul\0,1,,\n"
                + "x9,fay,1,,\n"
                + "10,\"g,\"\"h\"\"\",0.5,2024-10-16T12:00:00Z,yes\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path rejects = dir.resolve("t.rejects.csv");
        try (Connection c = pg.connect()) {
            LoadReport report = loadCommitted(c, new LoadRequest(T, LoadMode.APPEND, List.of(file(file, null)),
                    DriftPolicy.FAIL, LoadOptions.defaults().withBadRows(BadRowPolicy.rejectTo(rejects))));
            assertThat(report.rowsRead()).isEqualTo(10);
            assertThat(report.rowsLoaded()).isEqualTo(2);
            assertThat(report.rowsRejected()).isEqualTo(8);
            assertThat(report.files().get(0).rejectsFile()).isEqualTo(rejects);
            assertThat(rows(c, "SELECT id, name, score, ok FROM t ORDER BY id"))
                    .containsExactly(List.of("1", "ann", "1.50", "t"), List.of("10", "g,\"h\"", "0.50", "t"));
            List<String> lines = Files.readAllLines(rejects);
            assertThat(lines.get(0)).isEqualTo("line,column,reason,original");
            assertThat(lines).hasSize(9);
            assertThat(lines.get(1)).startsWith("3,name,longer than 5 characters: toolong,");
            assertThat(lines.get(2)).startsWith("4,score,\"does not fit numeric(3,2): 10.5\"");
            assertThat(lines.get(3)).startsWith("5,at,no such date");
            assertThat(lines.get(4)).startsWith("6,ok,\"not a boolean");
            assertThat(lines.get(5)).startsWith("7,,\"expected 5 fields, found 3\"");
            assertThat(lines.get(6)).startsWith("8,,malformed CSV");
            assertThat(lines.get(7)).startsWith("9,name,\"contains a NUL character");
            assertThat(lines.get(8)).startsWith("10,id,not an integer: x9");
        }
    }

    @Test
    void underTheDefaultPolicyTheFirstBadRowFailsTheLoadAndNothingRemains() throws Exception {
        Path file = csv(dir, "t.csv", "id,name,score,at,ok", "1,ann,1,,", "2,bob,1,,", "3,cy,1,,t,extra");
        try (Connection c = pg.connect()) {
            assertThatThrownBy(() -> loadCommitted(c, new LoadRequest(T, LoadMode.APPEND, List.of(file(file, null)),
                    DriftPolicy.FAIL)))
                    .isInstanceOf(LoadRefusedException.class).hasMessageContaining("t.csv: line 4: expected 5 fields, found 6");
            assertThat(LoadTesting.one(c, "SELECT to_regclass('public.t')::text")).isNull();
        }
    }

    @Test
    void aHeaderLackingANotNullColumnIsRefusedBeforeLoading() throws Exception {
        Path file = csv(dir, "t.csv", "id,name", "1,ann");
        try (Connection c = pg.connect()) {
            LoadTesting.execute(c, "CREATE TABLE t (id bigint, name text, score numeric NOT NULL)");
            assertThatThrownBy(() -> loadCommitted(c, new LoadRequest(T, LoadMode.APPEND, List.of(file(file, null)),
                    DriftPolicy.FAIL)))
                    .isInstanceOf(LoadRefusedException.class).hasMessageContaining("lacks score");
        }
    }
}
