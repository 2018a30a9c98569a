package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** {@code sluice import --to dynamodb} end to end, against DynamoDB Local over HTTP. */
class DynamoImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = """
            customer_id,name,age,date_of_birth,favourite_colour
            123456,Alice,34,17-04-1987,blue
            234567,Bob,41,02-11-1980,green
            345678,Carol,29,23-06-1992,red
            456789,Dan,52,09-01-1969,yellow
            567890,Erin,38,30-08-1983,purple
            """;

    private static DynamoLocal dynamo;
    private static int tables;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        dynamo = DynamoLocal.start();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    private record Run(int exitCode, String out, String err) {
        JsonNode summary() throws IOException {
            return JSON.readTree(out.substring(out.indexOf('{')));
        }
    }

    private Run sluice(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dynamo.env(), false);
        int code = Main.run(console, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String table(String partitionKey, ScalarAttributeType type) {
        String name = "table_" + (++tables);
        dynamo.createTable(name, partitionKey, type);
        return name;
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<String> args(Path file, String table, String... more) {
        List<String> args = new ArrayList<>(List.of("import", file.toString(), "--to", "dynamodb", "--table", table,
                "--state", dir.resolve("state").toString(), "--json"));
        args.addAll(List.of(more));
        return args;
    }

    private Map<String, AttributeValue> item(String table, String key, String value) {
        return dynamo.client().getItem(b -> b.tableName(table).key(Map.of(key, AttributeValue.fromS(value)))).item();
    }

    @Test
    void theSeedsGoodSampleLoadsWithTheTypesAsked() throws IOException {
        String table = table("customer_id", ScalarAttributeType.S);
        Run run = sluice(args(file("sample-good.csv", GOOD), table, "--type", "age=N").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.summary().get("accepted").asLong()).isEqualTo(5);
        assertThat(dynamo.count(table)).isEqualTo(5);
        Map<String, AttributeValue> alice = item(table, "customer_id", "123456");
        assertThat(alice.get("age")).isEqualTo(AttributeValue.fromN("34"));
        assertThat(alice.get("date_of_birth")).isEqualTo(AttributeValue.fromS("17-04-1987"));
        assertThat(alice.get("name")).isEqualTo(AttributeValue.fromS("Alice"));
    }

    @Test
    void withoutTypesEveryColumnIsAStringAsDynamoDbsOwnImportDoes() throws IOException {
        String table = table("customer_id", ScalarAttributeType.S);
        Run run = sluice(args(file("sample-good.csv", GOOD), table).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(item(table, "customer_id", "234567").get("age")).isEqualTo(AttributeValue.fromS("41"));
    }

    @Test
    void theSeedsBadSampleFailsBeforeAnyWrite() throws IOException {
        String table = table("customer_id", ScalarAttributeType.S);
        String bad = GOOD.lines().map(line -> line.substring(line.indexOf(',') + 1))
                .collect(Collectors.joining("\n", "", "\n"));
        Run run = sluice(args(file("sample-bad.csv", bad), table).toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out() + run.err()).contains("customer_id");
        assertThat(dynamo.count(table)).isZero();
    }

    @Test
    void aThousandRowsKeyedByUuidLoadInFortyBatches() throws IOException {
        String table = table("uuid", ScalarAttributeType.S);
        String rows = IntStream.rangeClosed(1, 1000)
                .mapToObj(i -> i + ",First" + i + ",Last" + i + ",user" + i + "@example.com,F,10.0.0." + (i % 250))
                .collect(Collectors.joining("\n", "uuid,first_name,last_name,email,gender,ip_address\n", "\n"));
        Run run = sluice(args(file("DATA.csv", rows), table).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.summary();
        assertThat(summary.get("rows_read").asLong()).isEqualTo(1000);
        assertThat(summary.get("accepted").asLong()).isEqualTo(1000);
        assertThat(summary.get("requests").asLong()).isEqualTo(40);
        assertThat(dynamo.count(table)).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {0, 1, 24, 25, 26, 50, 51})
    void batchBoundariesNeverSendAnEmptyBatch(int rows) throws IOException {
        String table = table("id", ScalarAttributeType.S);
        String content = IntStream.rangeClosed(1, rows).mapToObj(i -> "k" + i + ",v" + i)
                .collect(Collectors.joining("\n", "id,value\n", rows == 0 ? "" : "\n"));
        Run run = sluice(args(file("rows" + rows + ".csv", content), table).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.summary();
        assertThat(summary.get("accepted").asLong()).isEqualTo(rows);
        assertThat(summary.get("requests").asLong()).isEqualTo((rows + 24) / 25);
        assertThat(dynamo.count(table)).isEqualTo(rows);
    }

    @Test
    void numbersAreCheckedBeforeSendingAndLeadingZerosSurviveInference() throws IOException {
        String table = table("id", ScalarAttributeType.S);
        String content = "id,zip,amount\na,007,1e5\nb,02134,12345678901234567890123456789012345678\n"
                + "c,10001,1e400\nd,20002,123456789012345678901234567890123456789\n";
        Run run = sluice(args(file("numbers.csv", content), table, "--infer", "--type", "amount=N")
                .toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(ExitCode.REJECTED_ROWS);
        assertThat(item(table, "id", "a").get("zip")).isEqualTo(AttributeValue.fromS("007"));
        assertThat(item(table, "id", "a").get("amount")).isEqualTo(AttributeValue.fromN("100000"));
        assertThat(item(table, "id", "b").get("zip")).isEqualTo(AttributeValue.fromS("02134"));
        assertThat(item(table, "id", "b").get("amount").n()).hasSize(38);
        assertThat(item(table, "id", "c")).isEmpty();
        assertThat(item(table, "id", "d")).isEmpty();
        List<String> rejects = Files.readAllLines(Path.of(run.summary().get("rejects_file").asText()));
        assertThat(rejects).hasSize(3);
        assertThat(rejects.get(1)).startsWith("4,amount,");
        assertThat(rejects.get(2)).startsWith("5,amount,");
    }

    @Test
    void upsertKeepsAttributesTheFileDoesNotNameWhilePutReplacesTheItem() throws IOException {
        String table = table("id", ScalarAttributeType.S);
        sluice(args(file("first.csv", "id,a,b\nk1,keep,old\n"), table).toArray(String[]::new));
        Run upsert = sluice(args(file("second.csv", "id,b\nk1,new\n"), table, "--mode", "upsert").toArray(String[]::new));
        assertThat(upsert.exitCode()).as(upsert.err()).isZero();
        Map<String, AttributeValue> merged = item(table, "id", "k1");
        assertThat(merged.get("a")).isEqualTo(AttributeValue.fromS("keep"));
        assertThat(merged.get("b")).isEqualTo(AttributeValue.fromS("new"));

        Run put = sluice(args(file("third.csv", "id,b\nk1,put\n"), table).toArray(String[]::new));
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(item(table, "id", "k1")).doesNotContainKey("a").containsEntry("b", AttributeValue.fromS("put"));
    }

    @Test
    void insertOnlySkipsItemsThatExistAndCountsThem() throws IOException {
        String table = table("customer_id", ScalarAttributeType.S);
        Path good = file("sample-good.csv", GOOD);
        assertThat(sluice(args(good, table).toArray(String[]::new)).exitCode()).isZero();
        Path changed = file("changed.csv", GOOD.replace("Alice", "Alicia"));
        Run again = sluice(args(changed, table, "--mode", "insert-only").toArray(String[]::new));

        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode summary = again.summary();
        assertThat(summary.get("skipped").asLong()).isEqualTo(5);
        assertThat(summary.get("accepted").asLong()).isZero();
        assertThat(item(table, "customer_id", "123456").get("name")).isEqualTo(AttributeValue.fromS("Alice"));
    }

    @Test
    void badRowsAreRejectedWithTheirLineAndTheRestIsWritten() throws IOException {
        String table = table("customer_id", ScalarAttributeType.S);
        String content = "customer_id,name,age\n1,Ann,30\n,Nobody,40\n3,Short\n4,Dee,abc\n5,Eve,50\n";
        Run run = sluice(args(file("mixed.csv", content), table, "--type", "age=N").toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(ExitCode.REJECTED_ROWS);
        JsonNode summary = run.summary();
        assertThat(summary.get("accepted").asLong()).isEqualTo(2);
        assertThat(summary.get("rejected").asLong()).isEqualTo(3);
        assertThat(dynamo.count(table)).isEqualTo(2);
        List<String> rejects = Files.readAllLines(Path.of(summary.get("rejects_file").asText()));
        assertThat(rejects).hasSize(4);
        assertThat(rejects.get(1)).startsWith("3,");
        assertThat(rejects.get(2)).startsWith("4,");
        assertThat(rejects.get(3)).startsWith("5,age,");
    }

    @Test
    void aPipelineOfSluiceYamlCarriesTheTableModeTemplatesAndTypes() throws IOException {
        dynamo.client().createTable(b -> b.tableName("orders_by_customer")
                .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                .keySchema(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                        .attributeName("pk").keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH).build())
                .attributeDefinitions(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                        .attributeName("pk").attributeType(ScalarAttributeType.S).build()));
        Path config = file("sluice.yaml", """
                pipelines:
                  orders:
                    source: { folder: ./incoming }
                    types: { total: N }
                    destination:
                      dynamodb:
                        table: orders_by_customer
                        mode: upsert
                        key_templates: { pk: "CUST#{customer_id}" }
                        endpoint_url: ${DYNAMO_ENDPOINT}
                """);
        Path orders = file("orders.csv", "customer_id,total,note\n42,19.90,first\n43,5,second\n");
        Map<String, String> env = new java.util.HashMap<>(dynamo.env());
        env.put("DYNAMO_ENDPOINT", env.remove("AWS_ENDPOINT_URL_DYNAMODB"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false), "import", orders.toString(),
                "--pipeline", "orders", "--config", config.toString(), "--state", dir.resolve("state").toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, AttributeValue> item = item("orders_by_customer", "pk", "CUST#42");
        assertThat(item.get("total")).isEqualTo(AttributeValue.fromN("19.90"));
        assertThat(item.get("note")).isEqualTo(AttributeValue.fromS("first"));
    }

    @Test
    void aMissingTableIsAUsageErrorAndNothingIsRead() throws IOException {
        Run run = sluice(args(file("sample-good.csv", GOOD), "no_such_table").toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("no_such_table");
    }

    @Test
    void validateReportsRequestsAndWriteUnitsAndSendsNothing() throws IOException {
        String table = table("customer_id", ScalarAttributeType.S);
        Path good = file("sample-good.csv", GOOD);
        Run run = sluice("validate", good.toString(), "--to", "dynamodb", "--table", table);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("requests").contains("write capacity units");
        assertThat(dynamo.count(table)).isZero();
    }
}
