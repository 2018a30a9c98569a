package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.PostgresServer;
import dev.sluice.testkit.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice import FILE --to postgres} against a real PostgreSQL: summary, rejects, exit codes, once-only. */
class PostgresImportTest {
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();
    @RegisterExtension
    static final S3Server S3 = new S3Server();

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("SLUICE_POSTGRES_URL", pg.jdbcUrl());
    }

    private CliHarness.Result importJson(Path file, String... options) {
        String[] args = new String[options.length + 6];
        args[0] = "import";
        args[1] = file.toString();
        args[2] = "--to";
        args[3] = "postgres";
        args[4] = "--json";
        args[5] = "--state=" + dir.resolve(".sluice");
        System.arraycopy(options, 0, args, 6, options.length);
        return CliHarness.run(env(), args);
    }

    private String one(String sql) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void loadsAnObjectFromABucket() throws Exception {
        execute("CREATE TABLE people (id bigint PRIMARY KEY, \"name\" text)");
        S3.client().createBucket(b -> b.bucket("exports"));
        S3.client().putObject(b -> b.bucket("exports").key("daily/people 1.csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("name,id\nann,1\nbob,2\n"));
        Map<String, String> env = new java.util.HashMap<>(env());
        env.putAll(Map.of("AWS_ENDPOINT_URL_S3", S3.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY));

        CliHarness.Result run = CliHarness.run(env, "import", "s3://exports/daily/people 1.csv", "--to", "postgres",
                "--table", "people", "--json", "--state=" + dir.resolve(".sluice"), "--rejects",
                dir.resolve("people.rejects.csv").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(one("SELECT string_agg(name, ',' ORDER BY id) FROM people")).isEqualTo("ann,bob");
        assertThat(dir.resolve(".sluice/downloads")).isEmptyDirectory();
    }

    @Test
    void servesAFolderIntoATableThroughAPipeline() throws Exception {
        execute("CREATE TABLE people (id bigint PRIMARY KEY, \"name\" text, updated_at timestamptz)");
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        Files.writeString(incoming.resolve("people-1.csv"),
                "id,name,updated_at\n1,ann,2024-01-01T00:00:00Z\n2,bob,2024-01-01T00:00:00Z\n");
        Files.writeString(incoming.resolve("people-2.csv"),
                "updated_at,id,name\n2024-02-01T00:00:00Z,1,ann b.\n2024-02-01T00:00:00Z,3,cy\n");
        Path config = Files.writeString(dir.resolve("sluice.yaml"), """
                state: .sluice
                pipelines:
                  people:
                    source: { folder: ./incoming }
                    destination:
                      postgres: { url: "${SLUICE_POSTGRES_URL}", table: people, mode: incremental, key: id }
                """);

        CliHarness.Result served = CliHarness.run(env(), "serve", "--config", config.toString(), "--port", "0",
                "--interval", "100", "--stop-when-idle", "2");

        assertThat(served.exitCode()).as(served.toString()).isZero();
        assertThat(one("SELECT string_agg(id || '=' || name, ',' ORDER BY id) FROM people"))
                .isEqualTo("1=ann b.,2=bob,3=cy");
        assertThat(incoming.resolve("done/people-1.csv")).exists();
        assertThat(incoming.resolve("done/people-2.csv")).exists();
        assertThat(served.all()).doesNotContain(pg.jdbcUrl());
    }

    @Test
    void appendsRejectsBadRowsAndRefusesTheSameFileTwiceUnlessForced() throws Exception {
        execute("CREATE TABLE people (id bigint PRIMARY KEY, \"name\" text, age integer)");
        Path file = Files.writeString(dir.resolve("people.csv"), "name,id,age\nann,1,30\nbob,2,old\ncy,3,\n");

        CliHarness.Result first = importJson(file, "--table", "people");

        assertThat(first.exitCode()).as("%s", first).isEqualTo(ExitCode.REJECTED_ROWS);
        JsonNode s = first.json();
        assertThat(s.get("status").asText()).isEqualTo("completed");
        assertThat(s.get("rows_read").asLong()).isEqualTo(3);
        assertThat(s.get("accepted").asLong()).isEqualTo(2);
        assertThat(s.get("rejected").asLong()).isEqualTo(1);
        Path rejects = Path.of(s.get("rejects_file").asText());
        assertThat(Files.readAllLines(rejects)).containsExactly("line,column,reason,original",
                "3,age,not an integer: old,\"bob,2,old\"");
        assertThat(one("SELECT string_agg(id || ':' || name || ':' || coalesce(age::text, '-'), ' ' ORDER BY id) FROM people"))
                .isEqualTo("1:ann:30 3:cy:-");

        CliHarness.Result again = importJson(file, "--table", "people");
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.json().get("status").asText()).isEqualTo("already_imported");
        assertThat(one("SELECT count(*) FROM people")).isEqualTo("2");

        CliHarness.Result forced = importJson(file, "--table", "people", "--force");
        assertThat(forced.exitCode()).as("%s", forced).isEqualTo(ExitCode.STOPPED);
        assertThat(forced.json().get("message").asText()).contains("duplicate key").contains("rolled back");
        assertThat(one("SELECT count(*) FROM people")).isEqualTo("2");
    }

    @Test
    void incrementalUpsertsOnTheKeyAndFullReplacesTheTable() throws Exception {
        execute("CREATE TABLE public.people (id bigint PRIMARY KEY, name text, updated_at timestamp)");
        Path one = Files.writeString(dir.resolve("one.csv"),
                "id,name,updated_at\n1,ann,2024-01-01 00:00:00\n2,bob,2024-01-01 00:00:00\n");
        Path two = Files.writeString(dir.resolve("two.csv"),
                "id,name,updated_at\n2,bobby,2024-01-02 00:00:00\n3,cy,2024-01-02 00:00:00\n");

        assertThat(importJson(one, "--table", "public.people", "--mode", "incremental").exitCode()).isZero();
        assertThat(importJson(two, "--table", "public.people", "--mode", "incremental").exitCode()).isZero();
        assertThat(one("SELECT string_agg(id || ':' || name, ' ' ORDER BY id) FROM people")).isEqualTo("1:ann 2:bobby 3:cy");

        Path full = Files.writeString(dir.resolve("full.csv"), "id,name,updated_at\n9,zed,2024-02-01 00:00:00\n");
        CliHarness.Result replaced = importJson(full, "--table", "people", "--mode", "full");
        assertThat(replaced.exitCode()).as("%s", replaced).isZero();
        assertThat(one("SELECT string_agg(id || ':' || name, ' ' ORDER BY id) FROM people")).isEqualTo("9:zed");
    }

    @Test
    void aHeaderColumnTheTableLacksIsAUsageErrorUnlessAddColumns() throws Exception {
        execute("CREATE TABLE people (id bigint, name text)");
        Path file = Files.writeString(dir.resolve("p.csv"), "id,name,nickname\n1,ann,annie\n");

        CliHarness.Result refused = importJson(file, "--table", "people");
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(ExitCode.USAGE);
        assertThat(refused.json().get("message").asText()).contains("nickname");

        CliHarness.Result added = importJson(file, "--table", "people", "--add-columns");
        assertThat(added.exitCode()).as("%s", added).isZero();
        assertThat(one("SELECT nickname FROM people")).isEqualTo("annie");
    }

    @Test
    void aMissingUrlOrTableIsAUsageErrorThatNeverPrintsThePassword() throws Exception {
        Path file = Files.writeString(dir.resolve("p.csv"), "id\n1\n");
        CliHarness.Result noUrl = CliHarness.run(Map.of(), "import", file.toString(), "--to", "postgres", "--table", "t");
        assertThat(noUrl.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noUrl.all()).contains("SLUICE_POSTGRES_URL");

        CliHarness.Result noTable = CliHarness.run(Map.of("SLUICE_POSTGRES_URL", pg.jdbcUrl() + "&password=s3cret-value",
                "PGPASSWORD", "other-secret"), "import", file.toString(), "--to", "postgres", "--table", "nope",
                "--state=" + dir.resolve(".sluice"));
        assertThat(noTable.exitCode()).as("%s", noTable).isEqualTo(ExitCode.USAGE);
        assertThat(noTable.all()).contains("table public.nope does not exist").doesNotContain("s3cret-value")
                .doesNotContain("other-secret");
    }
}
