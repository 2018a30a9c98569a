package dev.sluice.core.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

class PipelinesFileTest {

    private static final String SECRET = "sekret-KEY-123";
    private static final Map<String, String> ENV = Map.of(
            "BRAZE_API_URL", "https://rest.iad-01.braze.com",
            "BRAZE_API_KEY", SECRET);

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PipelinesFileTest.class.getResource("/pipeline/" + name).toURI());
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void loadsTheSample() throws Exception {
        Path file = resource("sluice.yaml");
        Path home = file.getParent();

        Pipelines p = PipelinesFile.load(file, ENV);

        assertThat(p.file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(p.state()).isEqualTo(home.resolve(".sluice"));
        assertThat(p.pipelines()).containsOnlyKeys("braze_users", "orders_to_dynamo", "s3_events", "s3_polled");
        assertThat(p.pipelines().keySet()).containsExactly("braze_users", "orders_to_dynamo", "s3_events", "s3_polled");

        Pipeline users = p.get("braze_users");
        assertThat(users.name()).isEqualTo("braze_users");
        assertThat(users.source()).isEqualTo(new Source(home.resolve("incoming"), null, null, Duration.ofSeconds(30),
                "users/", List.of(".csv", ".csv.gz"), "done/", "failed/"));
        assertThat(users.format()).isEqualTo(new Format("\t", "omit"));
        assertThat(users.types()).containsExactly(entry("age", "int"), entry("signup", "time"));
        assertThat(users.destination().kind()).isEqualTo("braze");
        assertThat(users.destination()).isEqualTo(new BrazeDestinationConfig("https://rest.iad-01.braze.com", SECRET,
                "user_id", false, 75, "/users/track", 160, "3000/3s", Duration.ofSeconds(60), "null"));

        Pipeline orders = p.get("orders_to_dynamo");
        assertThat(orders.source().folder()).isEqualTo(home.resolve("orders"));
        assertThat(orders.source().suffixes()).containsExactly(".csv");
        assertThat(orders.source().poll()).isNull();
        assertThat(orders.source().prefix()).isEmpty();
        assertThat(orders.format()).isEqualTo(new Format(null, null));
        assertThat(orders.types()).isEmpty();
        DynamoDestinationConfig dynamo = (DynamoDestinationConfig) orders.destination();
        assertThat(dynamo.kind()).isEqualTo("dynamodb");
        assertThat(dynamo).isEqualTo(new DynamoDestinationConfig("orders", "upsert",
                Map.of("pk", "CUST#{customer_id}", "sk", "{order_date}#{order_id}"), true, "eu-west-1",
                "http://localhost:8000", 500, 8));
        assertThat(dynamo.keyTemplates().keySet()).containsExactly("pk", "sk");

        Source events = p.get("s3_events").source();
        assertThat(events.folder()).isNull();
        assertThat(events.bucketUri()).isEqualTo("s3://my-bucket/users/");
        assertThat(events.bucketName()).isEqualTo("my-bucket");
        assertThat(events.bucketPrefix()).isEqualTo("users/");
        assertThat(events.queueUrl()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/users-events");
        assertThat(events.poll()).isNull();
        assertThat(events.suffixes()).containsExactly(".csv");
        BrazeDestinationConfig braze = (BrazeDestinationConfig) p.get("s3_events").destination();
        assertThat(braze.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(braze.batchSize()).isNull();
        assertThat(braze.updateExistingOnly()).isNull();
        assertThat(braze.nullToken()).isNull();

        Source polled = p.get("s3_polled").source();
        assertThat(polled.bucketName()).isEqualTo("other-bucket");
        assertThat(polled.bucketPrefix()).isEmpty();
        assertThat(polled.prefix()).isEqualTo("2024/");
        assertThat(polled.poll()).isEqualTo(Duration.ofMinutes(5));
        assertThat(polled.queueUrl()).isNull();
    }

    @Test
    void environmentOverridesTheDefault() throws Exception {
        Map<String, String> env = Map.of("BRAZE_API_URL", "https://x.example", "BRAZE_API_KEY", "k",
                "AWS_REGION", "us-west-2");
        Pipelines p = PipelinesFile.load(resource("sluice.yaml"), env);
        assertThat(((DynamoDestinationConfig) p.get("orders_to_dynamo").destination()).region()).isEqualTo("us-west-2");
        assertThat(((BrazeDestinationConfig) p.get("braze_users").destination()).restUrl()).isEqualTo("https://x.example");
        // as in a shell, ${VAR:-default} takes the default when VAR is set but empty
        Map<String, String> empty = Map.of("BRAZE_API_URL", "https://x.example", "BRAZE_API_KEY", "k", "AWS_REGION", "");
        Pipelines q = PipelinesFile.load(resource("sluice.yaml"), empty);
        assertThat(((DynamoDestinationConfig) q.get("orders_to_dynamo").destination()).region()).isEqualTo("eu-west-1");
    }

    @Test
    void dollarDollarBraceIsALiteral() throws Exception {
        Path file = write("""
                pipelines:
                  orders:
                    source: { folder: "./in$${HOME}", prefix: "a$b$$c" }
                    destination:
                      dynamodb:
                        table: orders
                        key_templates: { pk: "$${customer_id}#${SUFFIX}" }
                """);
        Pipeline p = PipelinesFile.load(file, Map.of("SUFFIX", "x", "HOME", "/home/me")).get("orders");
        assertThat(p.source().folder()).isEqualTo(dir.resolve("in${HOME}"));
        assertThat(p.source().prefix()).isEqualTo("a$b$$c");
        assertThat(((DynamoDestinationConfig) p.destination()).keyTemplates()).containsExactly(
                entry("pk", "${customer_id}#x"));
    }

    @Test
    void toStringNeverShowsTheKey() throws Exception {
        Pipelines p = PipelinesFile.load(resource("sluice.yaml"), ENV);
        BrazeDestinationConfig braze = (BrazeDestinationConfig) p.get("braze_users").destination();
        assertThat(braze.apiKey()).isEqualTo(SECRET);
        assertThat(braze.toString()).doesNotContain(SECRET).contains("apiKey=****").contains("batchSize=75");
        assertThat(p.get("braze_users").toString()).doesNotContain(SECRET);
        assertThat(p.toString()).doesNotContain(SECRET).contains("braze_users");
    }

    @Test
    void unknownPipelineListsTheNames() throws Exception {
        Pipelines p = PipelinesFile.load(resource("sluice.yaml"), ENV);
        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class, () -> p.get("braze-users"));
        assertThat(e.getMessage()).isEqualTo(p.file() + ": pipelines: no pipeline named 'braze-users'; did you mean"
                + " 'braze_users'? The file has braze_users, orders_to_dynamo, s3_events, s3_polled");
        assertThat(e.line()).isZero();
        assertThat(e.field()).isEqualTo("pipelines");
        assertThatThrownBy(() -> p.get("zzz"))
                .hasMessageEndingWith(": no pipeline named 'zzz'; the file has braze_users, orders_to_dynamo,"
                        + " s3_events, s3_polled");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = write("");
        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> PipelinesFile.load(file, ENV));
        assertThat(e.getMessage()).isEqualTo(file + ":1:1: the file is empty; it needs a 'pipelines:' map with at"
                + " least one pipeline");
        assertThat(e.field()).isEmpty();
    }

    @Test
    void missingFileAndNotUtf8() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PipelinesFile.load(missing, ENV))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessage(missing + ": no such file");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "pipelines:\n  caf\u00e9: {}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PipelinesFile.load(latin1, ENV))
                .hasMessage(latin1 + ":1:1: not UTF-8 text; save the file as UTF-8");
    }

    @Test
    void messageNamesTheFileAsGiven() throws Exception {
        write("""
                pipelines:
                  users:
                    source: { folder: ./incoming }
                    destination:
                      braze: { rest_url: "${BRAZE_API_URL}", api_key: "${BRAZE_API_KEY}", batch_size: seventy }
                """);
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("sluice.yaml"));
        assertThatThrownBy(() -> PipelinesFile.load(relative, ENV))
                .hasMessage(relative + ":5:87: pipelines.users.destination.braze.batch_size: expected a whole number,"
                        + " got 'seventy'");
    }

    @Test
    void aSharedLedgerIsAPostgresUrlTakenFromTheEnvironment() throws Exception {
        Path file = write("""
                ledger: ${LEDGER_URL}
                pipelines:
                  users:
                    source: { folder: /data/in }
                    destination:
                      braze: { rest_url: https://rest.iad-01.braze.com/, api_key: "${BRAZE_API_KEY}" }
                """);
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("LEDGER_URL", "jdbc:postgresql://db:5432/sluice");
        assertThat(PipelinesFile.load(file, env).ledgerUrl()).isEqualTo("jdbc:postgresql://db:5432/sluice");
        env.put("LEDGER_URL", "/var/lib/sluice");
        assertThatThrownBy(() -> PipelinesFile.load(file, env)).isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining(":1:9: ledger: a shared ledger is a PostgreSQL JDBC URL");
    }

    @Test
    void aControlShiftSectionAloneNeedsNoPipelines() throws Exception {
        Path file = write("""
                state: state
                controlshift:
                  store: ${CS_DB}
                  webhook_secret: ${CS_SECRET}
                  allowed_hosts: [127.0.0.1, "*.s3.amazonaws.com"]
                  allow_http: true
                  schema: mirror
                  tables: { signatures: cs_signatures }
                  incremental: append
                  drift: fail
                  batch: { files: 3, max_age: 30s, max_bytes: 1000000, lease: 10m }
                  statement_timeout: 5m
                  notify: { success: "https://hooks.example.com/ok", failure: "https://hooks.example.com/error" }
                """);
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("CS_DB", "jdbc:postgresql://db:5432/warehouse?password=pw");
        env.put("CS_SECRET", "cs-webhook-secret");

        Pipelines p = PipelinesFile.load(file, env);

        assertThat(p.pipelines()).isEmpty();
        ControlShiftConfig cs = p.controlShift();
        assertThat(cs).isEqualTo(new ControlShiftConfig("jdbc:postgresql://db:5432/warehouse?password=pw", null,
                "cs-webhook-secret", List.of("127.0.0.1", "*.s3.amazonaws.com"), true,
                file.getParent().resolve("state/controlshift-spool"), "mirror", Map.of("signatures", "cs_signatures"),
                "append", "fail", 3, Duration.ofSeconds(30), 1_000_000, Duration.ofMinutes(10), Duration.ofMinutes(5),
                "https://hooks.example.com/ok", "https://hooks.example.com/error"));
        assertThat(cs.toString()).doesNotContain("cs-webhook-secret").doesNotContain("pw");
    }

    @Test
    void personalizeQueuesNeedNoPipelinesAndCheckTheirShape() throws Exception {
        Path file = write("""
                personalize_queues:
                  recs:
                    queue: https://sqs.us-east-1.amazonaws.com/123456789012/recs
                    braze: { rest_url: https://rest.iad-01.braze.com/, api_key: "${BRAZE_API_KEY}" }
                """);
        Pipelines p = PipelinesFile.load(file, ENV);
        assertThat(p.pipelines()).isEmpty();
        PersonalizeQueue recs = p.personalizeQueues().get("recs");
        assertThat(recs.queueUrl()).isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/recs");
        assertThat(recs.attributeShape()).isEqualTo("objects");
        assertThat(recs.braze().apiKey()).isEqualTo(SECRET);

        Path wrong = write("""
                personalize_queues:
                  recs:
                    queue: https://sqs.us-east-1.amazonaws.com/123456789012/recs
                    attribute_shape: columns
                    braze: { rest_url: https://rest.iad-01.braze.com/, api_key: "${BRAZE_API_KEY}" }
                """);
        assertThatThrownBy(() -> PipelinesFile.load(wrong, ENV)).isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining(":4:22: personalize_queues.recs.attribute_shape: expected objects");
    }

    @Test
    void aPostgresDestinationTakesItsUrlTableModeAndKey() throws Exception {
        Path file = write("""
                pipelines:
                  signatures:
                    source: { folder: ./exports }
                    destination:
                      postgres:
                        url: ${PG_URL}
                        table: controlshift.signatures
                        mode: incremental
                        key: [id]
                        add_columns: true
                """);
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("PG_URL", "jdbc:postgresql://db:5432/warehouse?password=s3cret");
        Pipeline p = PipelinesFile.load(file, env).get("signatures");
        assertThat(p.destination()).isEqualTo(new PostgresDestinationConfig("jdbc:postgresql://db:5432/warehouse?password=s3cret",
                "controlshift.signatures", "incremental", List.of("id"), true));
        assertThat(p.destination().toString()).doesNotContain("s3cret");
    }

    @Test
    void minimalPipelineTakesDefaults() throws Exception {
        Path file = write("""
                state: /var/lib/sluice
                pipelines:
                  users:
                    source: { folder: /data/in }
                    destination:
                      braze:
                        rest_url: https://rest.iad-01.braze.com/
                        api_key: ${BRAZE_API_KEY}
                """);
        Pipelines p = PipelinesFile.load(file, ENV);
        assertThat(p.state()).isEqualTo(Path.of("/var/lib/sluice"));
        assertThat(p.ledgerUrl()).as("no shared ledger unless asked").isNull();
        Pipeline users = p.get("users");
        assertThat(users.source()).isEqualTo(new Source(Path.of("/data/in"), null, null, null, "", List.of(".csv"),
                "done/", "failed/"));
        assertThat(users.format()).isEqualTo(Format.DEFAULT);
        assertThat(users.types()).isEmpty();
        assertThat(users.destination()).isEqualTo(new BrazeDestinationConfig("https://rest.iad-01.braze.com/", SECRET,
                null, null, null, null, null, null, null, null));
    }

    @Test
    void scalarsAreReadByTheirField() throws Exception {
        Path file = write("""
                pipelines:
                  orders:
                    source: { folder: "in", prefix: 007, suffix: [".CSV", .tsv] }
                    format: { delimiter: ";", empty_cells: Empty-String }
                    types: { zip: string, qty: N }
                    destination:
                      dynamodb:
                        table: orders.v2
                        max_wcu: "250"
                        infer: TRUE
                        mode: ${MODE}
                        region: ${REGION:-}
                        endpoint_url: ${ENDPOINT:-}
                """);
        Pipeline p = PipelinesFile.load(file, Map.of("MODE", "insert-only")).get("orders");
        assertThat(p.source().prefix()).isEqualTo("007");
        assertThat(p.source().suffixes()).containsExactly(".CSV", ".tsv");
        assertThat(p.source().matchesSuffix("a.tsv")).isTrue();
        assertThat(p.source().matchesSuffix("a.csv")).isFalse();
        assertThat(p.format()).isEqualTo(new Format(";", "empty-string"));
        assertThat(p.types()).containsExactly(entry("zip", "string"), entry("qty", "N"));
        DynamoDestinationConfig d = (DynamoDestinationConfig) p.destination();
        assertThat(d.table()).isEqualTo("orders.v2");
        assertThat(d.maxWcu()).isEqualTo(250);
        assertThat(d.infer()).isTrue();
        assertThat(d.mode()).isEqualTo("insert-only");
        // a value that is only empty variables is not set
        assertThat(d.region()).isNull();
        assertThat(d.endpointUrl()).isNull();
    }

    @Test
    void aSecretNeverReachesAMessage() throws Exception {
        // the key's variable used where a URL belongs: the error names the variable, not its value
        Path file = write("""
                pipelines:
                  users:
                    source: { folder: ./incoming }
                    destination:
                      braze:
                        rest_url: ${BRAZE_API_KEY}
                        api_key: ${BRAZE_API_KEY}
                """);
        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> PipelinesFile.load(file, ENV));
        assertThat(e.getMessage()).doesNotContain(SECRET).contains("'${BRAZE_API_KEY}' (value not shown)");
        assertThat(e.line()).isEqualTo(6);
    }

    @Test
    void errorsAreReportedInTheOrderOfTheFile() throws Exception {
        Path file = write("""
                pipelines:
                  first:
                    source: { folder: ./a }
                    destination: { dynamodb: { table: table1, mode: nope } }
                  second:
                    source: { folder: ./b, bucket: "s3://x-y-z" }
                    destination: { dynamodb: { table: t2 } }
                """);
        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> PipelinesFile.load(file, Map.of()));
        assertThat(e.field()).isEqualTo("pipelines.first.destination.dynamodb.mode");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void tildeIsNotAHomeDirectory() throws Exception {
        Path file = write("""
                pipelines:
                  users:
                    source:
                      folder: ~/incoming
                    destination: { dynamodb: { table: users } }
                """);
        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> PipelinesFile.load(file, Map.of()));
        assertThat(e.getMessage()).isEqualTo(file + ":4:15: pipelines.users.source.folder: ~ is not expanded here;"
                + " write ${HOME}/incoming");
    }
}
