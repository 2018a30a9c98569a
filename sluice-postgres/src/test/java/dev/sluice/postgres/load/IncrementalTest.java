package dev.sluice.postgres.load;

import static dev.sluice.postgres.load.LoadTesting.csv;
import static dev.sluice.postgres.load.LoadTesting.file;
import static dev.sluice.postgres.load.LoadTesting.loadCommitted;
import static dev.sluice.postgres.load.LoadTesting.one;
import static dev.sluice.postgres.load.LoadTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Spec test cases 18–20 and the once-only ledger (case 25's loader half). */
class IncrementalTest {
    private static final TableDef SIGNATURES = new TableDef("public", "signatures", List.of(
            new ColumnDef("id", "bigint", true), new ColumnDef("email", "character varying", true),
            new ColumnDef("updated_at", "timestamp without time zone", true)), List.of("id"));

    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    @TempDir
    Path dir;

    private static LoadRequest incremental(TableDef table, LoadFile... files) {
        return new LoadRequest(table, LoadMode.INCREMENTAL, List.of(files), DriftPolicy.FAIL);
    }

    @Test
    void theSameIdInTwoFilesEndsAsOneRowWithTheLatestValues() throws Exception {
        Path first = csv(dir, "signatures_20241016120000.csv", "id,email,updated_at",
                "1,old@example.org,2024-10-16 12:00:00", "2,two@example.org,2024-10-16 12:00:00");
        Path second = csv(dir, "signatures_20241016120100.csv", "id,email,updated_at",
                "1,new@example.org,2024-10-16 12:00:30");
        try (Connection c = pg.connect()) {
            loadCommitted(c, incremental(SIGNATURES, file(first, "2024-10-16T12:00:00Z")));
            loadCommitted(c, incremental(SIGNATURES, file(second, "2024-10-16T12:01:00Z")));
            assertThat(rows(c, "SELECT id, email FROM signatures ORDER BY id"))
                    .containsExactly(List.of("1", "new@example.org"), List.of("2", "two@example.org"));
        }
    }

    @Test
    void theSameIdTwiceInOneFileIsDeduplicatedLatestUpdatedAtThenLaterLine() throws Exception {
        Path file = csv(dir, "signatures.csv", "id,email,updated_at",
                "1,newest@example.org,2024-10-16 12:00:09",
                "1,older@example.org,2024-10-16 12:00:01",
                "2,first@example.org,2024-10-16 12:00:00",
                "2,second@example.org,2024-10-16 12:00:00");
        try (Connection c = pg.connect()) {
            LoadReport report = loadCommitted(c, incremental(SIGNATURES, file(file, "2024-10-16T12:01:00Z")));
            assertThat(report.rowsLoaded()).isEqualTo(4);
            assertThat(report.duplicateKeys()).isEqualTo(2);
            assertThat(rows(c, "SELECT id, email FROM signatures ORDER BY id"))
                    .containsExactly(List.of("1", "newest@example.org"), List.of("2", "second@example.org"));
        }
    }

    @Test
    void aTableWithoutUpdatedAtUsesExportTimeThenFileOrder() throws Exception {
        TableDef logs = ControlShiftFixtures.table("slate-2024-10-16", "export_download_logs");
        assertThat(logs.columns()).noneMatch(col -> col.name().equals("updated_at"));
        List<String> header = logs.columns().stream().map(ColumnDef::name).toList();
        String blanks = ",".repeat(header.size() - 1);
        int id = header.indexOf("id");
        int created = header.indexOf("created_at");
        Path later = csv(dir, "later.csv", String.join(",", header),
                cells(header.size(), id, "5", created, "2024-10-16 12:05:00"));
        Path earlier = csv(dir, "earlier.csv", String.join(",", header),
                cells(header.size(), id, "5", created, "2024-10-16 12:00:00"),
                cells(header.size(), id, "6", created, "2024-10-16 12:00:00"),
                cells(header.size(), id, "6", created, "2024-10-16 12:00:01"));
        assertThat(blanks).isNotEmpty();
        try (Connection c = pg.connect()) {
            // given out of order: the later export wins for id 5, the later line for id 6
            loadCommitted(c, incremental(logs, file(later, "2024-10-16T12:05:00Z"), file(earlier, "2024-10-16T12:00:00Z")));
            assertThat(rows(c, "SELECT id, created_at FROM export_download_logs ORDER BY id")).containsExactly(
                    List.of("5", "2024-10-16 12:05:00"), List.of("6", "2024-10-16 12:00:01"));
        }
    }

    private static String cells(int width, int i1, String v1, int i2, String v2) {
        String[] cells = new String[width];
        java.util.Arrays.fill(cells, "");
        cells[i1] = v1;
        cells[i2] = v2;
        return String.join(",", cells);
    }

    @Test
    void anOlderRowNeverOverwritesANewerOne() throws Exception {
        Path newer = csv(dir, "newer.csv", "id,email,updated_at", "1,newer@example.org,2024-10-16 12:00:00");
        Path late = csv(dir, "late.csv", "id,email,updated_at", "1,stale@example.org,2024-10-16 11:00:00");
        try (Connection c = pg.connect()) {
            loadCommitted(c, incremental(SIGNATURES, file(newer, "2024-10-16T12:00:00Z")));
            loadCommitted(c, incremental(SIGNATURES, file(late, "2024-10-16T12:01:00Z")));
            assertThat(one(c, "SELECT email FROM signatures WHERE id = 1")).isEqualTo("newer@example.org");
        }
    }

    @Test
    void aFileAlreadyInTheLedgerIsSkippedEvenAfterACrashBeforeTheCallerRecordedIt() throws Exception {
        Path file = csv(dir, "signatures_1.csv", "id,email,updated_at", "1,a@example.org,2024-10-16 12:00:00");
        try (Connection c = pg.connect()) {
            loadCommitted(c, incremental(SIGNATURES, file(file, null)));
            // the worker died after the commit, before its batch status update: the batch is loaded again
            LoadReport again = loadCommitted(c, incremental(SIGNATURES, file(file, null)));
            assertThat(again.files()).extracting(FileOutcome::status).containsExactly(FileOutcome.Status.ALREADY_LOADED);
            assertThat(again.nothingLoaded()).isTrue();
            assertThat(rows(c, "SELECT status, rows_read, rows_loaded FROM sluice_loads.files"))
                    .containsExactly(List.of("LOADED", "1", "1"));
        }
    }

    @Test
    void twoWorkersLoadingTheSameFileAtOnceLoadItOnce() throws Exception {
        Path file = csv(dir, "signatures_1.csv", "id,email,updated_at", "1,a@example.org,2024-10-16 12:00:00");
        try (Connection c = pg.connect()) {
            loadCommitted(c, incremental(SIGNATURES, file(csv(dir, "seed.csv", "id,email,updated_at",
                    "9,seed@example.org,2024-10-16 12:00:00"), null)));
        }
        List<FileOutcome.Status> statuses = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread worker = new Thread(() -> {
                try (Connection c = pg.connect()) {
                    start.await();
                    statuses.add(loadCommitted(c, incremental(SIGNATURES, file(file, null))).files().get(0).status());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(statuses).containsExactlyInAnyOrder(FileOutcome.Status.LOADED, FileOutcome.Status.ALREADY_LOADED);
    }

    @Test
    void anIncrementalExportedBeforeTheLastFullIsSupersededByIt() throws Exception {
        Path full = csv(dir, "full.csv", "id,email,updated_at", "1,full@example.org,2024-10-16 01:00:00");
        Path stale = csv(dir, "incr.csv", "id,email,updated_at", "2,deleted@example.org,2024-10-15 23:00:00");
        try (Connection c = pg.connect()) {
            loadCommitted(c, new LoadRequest(SIGNATURES, LoadMode.FULL, List.of(file(full, "2024-10-16T01:00:00Z")),
                    DriftPolicy.FAIL));
            LoadReport report = loadCommitted(c, incremental(SIGNATURES, file(stale, "2024-10-15T23:00:00Z")));
            assertThat(report.files()).extracting(FileOutcome::status).containsExactly(FileOutcome.Status.SUPERSEDED);
            assertThat(one(c, "SELECT count(*) FROM signatures")).isEqualTo("1");
        }
    }

    @Test
    void anIncrementalIntoATableWithoutAUniqueKeyIsRefusedClearly() throws Exception {
        Path file = csv(dir, "x.csv", "id,email,updated_at", "1,a@example.org,2024-10-16 12:00:00");
        try (Connection c = pg.connect()) {
            LoadTesting.execute(c, "CREATE TABLE signatures (id bigint, email text, updated_at timestamp)");
            assertThatThrownBy(() -> loadCommitted(c, incremental(SIGNATURES, file(file, null))))
                    .isInstanceOf(LoadRefusedException.class).hasMessageContaining("CREATE UNIQUE INDEX ON \"public\".\"signatures\" (\"id\")");
        }
    }
}
