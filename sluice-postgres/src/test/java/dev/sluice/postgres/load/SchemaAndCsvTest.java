package dev.sluice.postgres.load;

import static dev.sluice.postgres.load.LoadTesting.csv;
import static dev.sluice.postgres.load.LoadTesting.file;
import static dev.sluice.postgres.load.LoadTesting.loadCommitted;
import static dev.sluice.postgres.load.LoadTesting.one;
import static dev.sluice.postgres.load.LoadTesting.row;
import static dev.sluice.postgres.load.LoadTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Spec test cases 8–12: columns by header name, reserved words, drift, and the awkward values. */
class SchemaAndCsvTest {
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    @TempDir
    Path dir;

    @Test
    void events2016HeaderOrderDiffersFromTheDdlAndEndIsAReservedWord() throws Exception {
        TableDef events = ControlShiftFixtures.table("slate-2016-06-06", "events");
        List<String> header = ControlShiftFixtures.header("slate-2016-06-06", "events");
        assertThat(events.columns().get(5).name()).isEqualTo("end");
        assertThat(header.get(header.size() - 1)).isEqualTo("end");
        Path file = csv(dir, "events_20160606120000.csv", header, List.of(
                row("id", "1", "title", "Rally", "start", "2016-06-06 10:00:00", "end", "2016-06-06 12:30:00", "type", "Event"),
                row("id", "2", "title", "March", "start", "2016-06-07 09:00:00", "end", "2016-06-07 11:00:00")));
        try (Connection c = pg.connect()) {
            LoadReport report = loadCommitted(c, new LoadRequest(events, LoadMode.FULL, List.of(file(file, null)),
                    DriftPolicy.FAIL));
            assertThat(report.rowsLoaded()).isEqualTo(2);
            assertThat(rows(c, "SELECT id, title, start, \"end\", type FROM events ORDER BY id")).containsExactly(
                    List.of("1", "Rally", "2016-06-06 10:00:00", "2016-06-06 12:30:00", "Event"),
                    java.util.Arrays.asList("2", "March", "2016-06-07 09:00:00", "2016-06-07 11:00:00", null));
        }
    }

    @Test
    void signatures2016ConfirmationTokenIsAddedUnderAddColumnAndRefusedUnderFail() throws Exception {
        TableDef signatures = ControlShiftFixtures.table("slate-2016-06-06", "signatures");
        List<String> header = ControlShiftFixtures.header("slate-2016-06-06", "signatures");
        assertThat(signatures.columns()).noneMatch(col -> col.name().equals("confirmation_token"));
        Path file = csv(dir, "signatures.csv", header, List.of(
                row("id", "7", "email", "a@example.org", "confirmation_token", "tok-7")));
        try (Connection c = pg.connect()) {
            assertThatThrownBy(() -> loadCommitted(c, new LoadRequest(signatures, LoadMode.FULL,
                    List.of(file(file, null)), DriftPolicy.FAIL)))
                    .isInstanceOf(LoadRefusedException.class)
                    .hasMessageContaining("confirmation_token").hasMessageContaining("signatures.csv");
            assertThat(one(c, "SELECT to_regclass('public.signatures')::text")).isNull();

            LoadReport report = loadCommitted(c, new LoadRequest(signatures, LoadMode.FULL, List.of(file(file, null)),
                    DriftPolicy.ADD_COLUMN));
            assertThat(report.addedColumns()).containsExactly("confirmation_token");
            assertThat(one(c, "SELECT confirmation_token FROM signatures WHERE id = 7")).isEqualTo("tok-7");
            assertThat(one(c, "SELECT is_nullable || ' ' || data_type FROM information_schema.columns"
                    + " WHERE table_name = 'signatures' AND column_name = 'confirmation_token'")).isEqualTo("YES text");
        }
    }

    @Test
    void users2016TokenColumnsAreAddedAndEncryptedPasswordIsReportedMissing() throws Exception {
        TableDef users = ControlShiftFixtures.table("slate-2016-06-06", "users");
        List<String> header = ControlShiftFixtures.header("slate-2016-06-06", "users");
        Path file = csv(dir, "users.csv", header, List.of(row("id", "3", "email", "u@example.org", "token", "t3",
                "unlock_token", "u3", "created_at", "2016-01-01 00:00:00", "updated_at", "2016-01-02 00:00:00")));
        try (Connection c = pg.connect()) {
            LoadReport report = loadCommitted(c, new LoadRequest(users, LoadMode.FULL, List.of(file(file, null)),
                    DriftPolicy.ADD_COLUMN));
            assertThat(report.addedColumns()).containsExactlyInAnyOrder("token", "unlock_token");
            assertThat(report.missingColumns()).contains("encrypted_password");
            assertThat(rows(c, "SELECT token, unlock_token, encrypted_password FROM users"))
                    .containsExactly(java.util.Arrays.asList("t3", "u3", null));
        }
    }

    @Test
    void localChapterMembers2019ColumnAbsentFromTheHeaderIsNull() throws Exception {
        TableDef members = ControlShiftFixtures.table("slate-2019-08-06", "local_chapter_members");
        List<String> header = ControlShiftFixtures.header("slate-2019-08-06", "local_chapter_members");
        assertThat(header).doesNotContain("eu_data_processing_consent_at");
        Path file = csv(dir, "lcm.csv", header, List.of(row("id", "1", "created_at", "2019-01-01 00:00:00",
                "updated_at", "2019-01-01 00:00:00")));
        try (Connection c = pg.connect()) {
            LoadReport report = loadCommitted(c, new LoadRequest(members, LoadMode.INCREMENTAL, List.of(file(file, null)),
                    DriftPolicy.FAIL));
            assertThat(report.missingColumns()).containsExactly("eu_data_processing_consent_at");
            assertThat(rows(c, "SELECT id, eu_data_processing_consent_at FROM local_chapter_members"))
                    .containsExactly(java.util.Arrays.asList("1", null));
        }
    }

    @Test
    void members2024WithIdLastAndBigintIdsBeyond32Bits() throws Exception {
        TableDef members = ControlShiftFixtures.table("slate-2024-10-16", "members");
        assertThat(members.columns().get(members.columns().size() - 1).name()).isEqualTo("id");
        List<String> header = members.columns().stream().map(ColumnDef::name).toList();
        Path file = csv(dir, "members.csv", header, List.of(
                row("email", "m@example.org", "organisation_id", "1", "banned_by_user_id", "9007199254740993",
                        "id", "4294967297", "updated_at", "2024-10-16 01:02:03.123456")));
        try (Connection c = pg.connect()) {
            loadCommitted(c, new LoadRequest(members, LoadMode.INCREMENTAL, List.of(file(file, null)), DriftPolicy.FAIL));
            assertThat(rows(c, "SELECT id, email, banned_by_user_id, updated_at FROM members")).containsExactly(
                    List.of("4294967297", "m@example.org", "9007199254740993", "2024-10-16 01:02:03.123456"));
        }
    }

    @Test
    void emptyStringsQuotedCommasNewlinesHstoreTextAndNumerics() throws Exception {
        TableDef locations = ControlShiftFixtures.table("slate-2016-06-06", "locations");
        TableDef signatures = ControlShiftFixtures.table("slate-2024-10-16", "signatures");
        Path locs = csv(dir, "locations.csv",
                "id,query,latitude,longitude,street,locality,extras",
                "1,\"Main St, Springfield\",-33.8688197000,151.2092955000,\"line one",
                "line two\",,\"\"",
                "2,,,,,Paris,");
        Path sigs = csv(dir, "signatures.csv",
                "id,email,additional_fields,recaptcha_score,source",
                "2147483648,s@example.org,\"\"\"k\"\"=>\"\"v\"\", \"\"x\"\"=>\"\"y, z\"\"\",0.95,\"\"",
                "2147483649,t@example.org,,1.00,web");
        try (Connection c = pg.connect()) {
            loadCommitted(c, new LoadRequest(locations, LoadMode.FULL, List.of(file(locs, null)), DriftPolicy.FAIL));
            assertThat(rows(c, "SELECT query, latitude, longitude, street, locality, extras FROM locations ORDER BY id"))
                    .containsExactly(
                            java.util.Arrays.asList("Main St, Springfield", "-33.8688197000", "151.2092955000",
                                    "line one\nline two", null, null),
                            java.util.Arrays.asList(null, null, null, null, "Paris", null));
            loadCommitted(c, new LoadRequest(signatures, LoadMode.FULL, List.of(file(sigs, null)), DriftPolicy.FAIL));
            assertThat(rows(c, "SELECT id, additional_fields, recaptcha_score, source FROM signatures ORDER BY id"))
                    .containsExactly(
                            java.util.Arrays.asList("2147483648", "\"k\"=>\"v\", \"x\"=>\"y, z\"", "0.95", null),
                            java.util.Arrays.asList("2147483649", null, "1.00", "web"));
        }
    }
}
