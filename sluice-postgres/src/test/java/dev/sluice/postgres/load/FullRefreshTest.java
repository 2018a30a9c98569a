package dev.sluice.postgres.load;

import static dev.sluice.postgres.load.LoadTesting.csv;
import static dev.sluice.postgres.load.LoadTesting.execute;
import static dev.sluice.postgres.load.LoadTesting.file;
import static dev.sluice.postgres.load.LoadTesting.loadCommitted;
import static dev.sluice.postgres.load.LoadTesting.one;
import static dev.sluice.postgres.load.LoadTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Spec test cases 13–16: a FULL is all or nothing, never visible half-done, and ordered by export time. */
class FullRefreshTest {
    private static final TableDef PETITIONS = new TableDef("public", "petitions", List.of(
            new ColumnDef("id", "bigint", true), new ColumnDef("title", "character varying(255)", true),
            new ColumnDef("goal", "integer", true), new ColumnDef("updated_at", "timestamp without time zone", true)),
            List.of("id"));

    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    @TempDir
    Path dir;

    private Path petitions(String name, int first, int count, String title) throws IOException {
        StringBuilder text = new StringBuilder("id,title,goal,updated_at\n");
        for (int i = first; i < first + count; i++) {
            text.append(i).append(',').append(title).append(' ').append(i).append(',').append(i % 1000)
                    .append(",2024-10-16 00:00:00\n");
        }
        return Files.writeString(dir.resolve(name), text);
    }

    private LoadRequest full(Path file, String exportTs) {
        return new LoadRequest(PETITIONS, LoadMode.FULL, List.of(file(file, exportTs)), DriftPolicy.FAIL);
    }

    @Test
    void aBadRowMidwayFailsTheLoadAndLeavesThePreviousTableReadable() throws Exception {
        try (Connection c = pg.connect()) {
            loadCommitted(c, full(petitions("petitions_1.csv", 1, 100, "old"), "2024-10-15T00:00:00Z"));
            Path bad = csv(dir, "petitions_2.csv", "id,title,goal,updated_at",
                    "1,new 1,5,2024-10-16 00:00:00",
                    "2,new 2,5,2024-10-16 00:00:00",
                    "3,new 3,lots,2024-10-16 00:00:00",
                    "4,new 4,5,2024-10-16 00:00:00");
            assertThatThrownBy(() -> loadCommitted(c, full(bad, "2024-10-16T00:00:00Z")))
                    .isInstanceOf(LoadRefusedException.class)
                    .hasMessageContaining("petitions_2.csv: line 4, column goal: not an integer: lots");
            assertThat(one(c, "SELECT count(*) FROM petitions")).isEqualTo("100");
            assertThat(one(c, "SELECT title FROM petitions WHERE id = 1")).isEqualTo("old 1");
            assertThat(one(c, "SELECT count(*) FROM sluice_loads.files")).isEqualTo("1");
            assertThat(one(c, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'sluice_stage%'")).isEqualTo("0");
        }
    }

    @Test
    void aConcurrentReaderSeesTheOldOrTheNewTableNeverAnEmptyOrPartialOne() throws Exception {
        Path small = petitions("small.csv", 1, 3_000, "small");
        Path large = petitions("large.csv", 1, 5_000, "large");
        try (Connection c = pg.connect()) {
            loadCommitted(c, full(small, null));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong reads = new AtomicLong();
        Thread reader = new Thread(() -> {
            try (Connection r = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
                 Statement s = r.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*), min(title), max(title) FROM petitions")) {
                        rs.next();
                        seen.add(rs.getLong(1) + " " + rs.getString(2).split(" ")[0] + " " + rs.getString(3).split(" ")[0]);
                        reads.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                seen.add("reader failed: " + e.getMessage());
            }
        });
        reader.start();
        try (Connection c = pg.connect()) {
            for (int i = 0; i < 6; i++) {
                Path next = i % 2 == 0 ? large : small;
                Path copy = Files.copy(next, dir.resolve("full_" + i + ".csv"));
                loadCommitted(c, full(copy, null));
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        assertThat(reads.get()).isPositive();
        assertThat(seen).isSubsetOf("3000 small small", "5000 large large").contains("5000 large large");
    }

    @Test
    void anOlderFullArrivingAfterANewerOneIsIgnored() throws Exception {
        try (Connection c = pg.connect()) {
            loadCommitted(c, full(petitions("petitions_20241016.csv", 1, 10, "newer"), "2024-10-16T00:00:00Z"));
            LoadReport report = loadCommitted(c, full(petitions("petitions_20241015.csv", 1, 20, "older"),
                    "2024-10-15T00:00:00Z"));
            assertThat(report.files()).extracting(FileOutcome::status).containsExactly(FileOutcome.Status.OLDER_FULL_IGNORED);
            assertThat(rows(c, "SELECT count(*), min(title) FROM petitions")).containsExactly(List.of("10", "newer 1"));
            assertThat(one(c, "SELECT status FROM sluice_loads.files WHERE file_key = 'petitions_20241015.csv'"))
                    .isEqualTo("OLDER_FULL_IGNORED");
        }
    }

    @Test
    void incrementalsNewerThanTheSnapshotSurviveTheSwapAndOlderOnesDoNot() throws Exception {
        try (Connection c = pg.connect()) {
            loadCommitted(c, full(petitions("full_day1.csv", 1, 10, "day1"), "2024-10-15T00:00:00Z"));
            Path before = csv(dir, "incr_before.csv", "id,title,goal,updated_at", "11,deleted later,1,2024-10-15 10:00:00");
            Path after = csv(dir, "incr_after.csv", "id,title,goal,updated_at",
                    "12,added after the snapshot,1,2024-10-16 02:00:00",
                    "3,edited after the snapshot,1,2024-10-16 02:00:00");
            loadCommitted(c, new LoadRequest(PETITIONS, LoadMode.INCREMENTAL,
                    List.of(file(before, "2024-10-15T10:00:00Z"), file(after, "2024-10-16T02:00:00Z")), DriftPolicy.FAIL));
            assertThat(one(c, "SELECT count(*) FROM petitions")).isEqualTo("12");

            // the nightly snapshot (taken at 01:00, before the 02:00 incremental) has row 11 deleted
            LoadReport report = loadCommitted(c, full(petitions("full_day2.csv", 1, 10, "day2"), "2024-10-16T01:00:00Z"));
            assertThat(report.rowsReapplied()).isEqualTo(2);
            assertThat(rows(c, "SELECT id, title FROM petitions WHERE id IN (3, 11, 12) ORDER BY id")).containsExactly(
                    List.of("3", "edited after the snapshot"), List.of("12", "added after the snapshot"));
            assertThat(one(c, "SELECT count(*) FROM petitions")).isEqualTo("11");
        }
    }

    @Test
    void theSwapKeepsIndexesGrantsAndSerialSequencesAndTheRetiredTableIsDroppedNextTime() throws Exception {
        try (Connection c = pg.connect()) {
            execute(c, "CREATE TABLE petitions (id bigserial PRIMARY KEY, title varchar(255), goal integer,"
                    + " updated_at timestamp)");
            execute(c, "ALTER SEQUENCE petitions_id_seq RESTART 1000");
            execute(c, "CREATE INDEX petitions_title ON petitions (lower(title))");
            execute(c, "CREATE ROLE dashboard");
            execute(c, "GRANT SELECT ON petitions TO dashboard");
            loadCommitted(c, full(petitions("a.csv", 1, 50, "a"), null));
            assertThat(rows(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'petitions' ORDER BY 1"))
                    .containsExactly(List.of("petitions_pkey"), List.of("petitions_title"));
            assertThat(one(c, "SELECT conname FROM pg_constraint WHERE conrelid = 'petitions'::regclass AND contype = 'p'"))
                    .isEqualTo("petitions_pkey");
            assertThat(one(c, "SELECT has_table_privilege('dashboard', 'petitions', 'SELECT')")).isEqualTo("t");
            assertThat(one(c, "SELECT pg_get_serial_sequence('petitions', 'id')")).isEqualTo("public.petitions_id_seq");
            assertThat(one(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'sluice_loads' AND tablename LIKE 'retired%'"))
                    .isEqualTo("1");
            loadCommitted(c, full(petitions("b.csv", 1, 60, "b"), null));
            assertThat(one(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'sluice_loads' AND tablename LIKE 'retired%'"))
                    .isEqualTo("1");
            assertThat(one(c, "SELECT count(*) FROM petitions")).isEqualTo("60");
            // the first retired table (which owned the sequence before the swap) is gone; the sequence is not
            assertThat(one(c, "SELECT pg_get_serial_sequence('petitions', 'id')")).isEqualTo("public.petitions_id_seq");
            execute(c, "INSERT INTO petitions (title) VALUES ('by the sequence')");
            assertThat(one(c, "SELECT id FROM petitions WHERE title = 'by the sequence'")).isEqualTo("1000");
        }
    }

    @Test
    void aTableAViewDependsOnIsReplacedInPlace() throws Exception {
        try (Connection c = pg.connect()) {
            loadCommitted(c, full(petitions("a.csv", 1, 5, "a"), null));
            execute(c, "CREATE VIEW petition_titles AS SELECT id, title FROM petitions");
            loadCommitted(c, full(petitions("b.csv", 1, 7, "b"), null));
            assertThat(rows(c, "SELECT count(*), min(title) FROM petition_titles")).containsExactly(List.of("7", "b 1"));
        }
    }

    @Test
    void anEmptyFullIsRefusedUnlessAllowed() throws Exception {
        try (Connection c = pg.connect()) {
            loadCommitted(c, full(petitions("a.csv", 1, 5, "a"), null));
            Path empty = csv(dir, "empty.csv", "id,title,goal,updated_at");
            assertThatThrownBy(() -> loadCommitted(c, full(empty, null))).isInstanceOf(LoadRefusedException.class)
                    .hasMessageContaining("would empty public.petitions");
            assertThat(one(c, "SELECT count(*) FROM petitions")).isEqualTo("5");
            loadCommitted(c, new LoadRequest(PETITIONS, LoadMode.FULL, List.of(file(empty, null)), DriftPolicy.FAIL,
                    LoadOptions.defaults().withAllowEmptyFull(true)));
            assertThat(one(c, "SELECT count(*) FROM petitions")).isEqualTo("0");
        }
    }
}
