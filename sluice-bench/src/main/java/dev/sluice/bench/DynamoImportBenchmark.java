package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The DynamoDB load benchmark: 200,000 rows of 8 columns into DynamoDB Local (its own JVM), with
 * {@code sluice import --to dynamodb} in put and upsert modes (each a fresh JVM, -Xmx256m), compared
 * in the same run with the seed's way: one UpdateItem per row from one thread. The row-at-a-time
 * baseline runs over the first {@value #BASELINE_ROWS} rows only (the whole file would take minutes);
 * its rows/s is what the ratio compares. Goal: put mode at least 10× the baseline.
 * Usage: {@code bench/dynamodb-import [ROWS]}.
 */
public final class DynamoImportBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BASELINE_ROWS = 10_000;

    private DynamoImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path root = Path.of(System.getProperty("sluice.root", "."));
        Path data = rowsFile(root.resolve("bench/data/items-" + rows + ".csv"), rows);
        Child child = new Child(root.resolve("sluice-cli/target/sluice.jar"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process local = new ProcessBuilder("java", "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner", "-inMemory", "-disableTelemetry", "-port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String endpoint = "http://127.0.0.1:" + port;
        try (DynamoDbClient client = client(endpoint)) {
            awaitReady(client);
            System.out.printf(Locale.ROOT, "file: %s (%,d rows, %,d bytes); DynamoDB Local at %s; %d cores, %s%n",
                    data, rows, Files.size(data), endpoint, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            Map<String, String> env = new HashMap<>(Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint, "AWS_REGION",
                    "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
            createTable(client, "warmup");
            sluice(child, env, data, "warmup", "put");
            createTable(client, "rowwise");
            double baseline = rowAtATime(client, data, "rowwise");
            createTable(client, "put_mode");
            JsonNode put = sluice(child, env, data, "put_mode", "put");
            createTable(client, "upsert_mode");
            JsonNode upsert = sluice(child, env, data, "upsert_mode", "upsert");
            check(client, "put_mode", rows);
            check(client, "upsert_mode", rows);
            System.out.println();
            System.out.printf(Locale.ROOT, "%-34s %,9.0f rows/s  (first %,d rows, one UpdateItem each, 1 thread)%n",
                    "row at a time (the seed's way)", baseline, BASELINE_ROWS);
            report("sluice --mode put", put, rows, baseline);
            report("sluice --mode upsert", upsert, rows, baseline);
        } finally {
            local.destroy();
            local.waitFor();
        }
    }

    private static void report(String name, JsonNode s, int rows, double baseline) {
        double seconds = s.get("duration_ms").asDouble() / 1000;
        System.out.printf(Locale.ROOT, "%-34s %,9.0f rows/s  %5.1f s  %,d requests  %d retries  peak heap %,.0f MB"
                        + "  vs row at a time: %.1fx%n", name, rows / seconds, seconds, s.get("requests").asLong(),
                s.get("retries").asLong(), s.get("peak_heap_bytes").asDouble() / (1024 * 1024), rows / seconds / baseline);
    }

    private static JsonNode sluice(Child child, Map<String, String> env, Path data, String table, String mode)
            throws IOException, InterruptedException {
        Path state = Files.createTempDirectory("sluice-bench");
        Process importer = child.sluice("256m", env, "import", data.toString(), "--to", "dynamodb", "--table", table,
                "--mode", mode, "--infer", "--json", "--state", state.toString(),
                "--rejects", state.resolve("rejects.csv").toString()).start();
        String output = Child.output(importer);
        JsonNode summary = JSON.readTree(output.substring(output.indexOf('{')));
        if (!summary.get("status").asText().equals("completed") || summary.get("rejected").asLong() != 0) {
            throw new IllegalStateException("the import into " + table + " did not complete cleanly: " + output);
        }
        return summary;
    }

    /** The seed's way: read a row, write it with one UpdateItem, next row. */
    private static double rowAtATime(DynamoDbClient client, Path data, String table) throws IOException {
        long start = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String[] header = in.readLine().split(",");
            for (int n = 0; n < BASELINE_ROWS; n++) {
                String[] cells = in.readLine().split(",");
                Map<String, String> names = new HashMap<>();
                Map<String, AttributeValue> values = new HashMap<>();
                List<String> sets = new ArrayList<>();
                for (int c = 1; c < header.length; c++) {
                    names.put("#a" + c, header[c]);
                    values.put(":v" + c, AttributeValue.fromS(cells[c]));
                    sets.add("#a" + c + " = :v" + c);
                }
                client.updateItem(b -> b.tableName(table).key(Map.of(header[0], AttributeValue.fromS(cells[0])))
                        .updateExpression("SET " + String.join(", ", sets))
                        .expressionAttributeNames(names).expressionAttributeValues(values));
            }
        }
        return BASELINE_ROWS / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(DynamoDbClient client, String table, int rows) {
        long count = client.scanPaginator(ScanRequest.builder().tableName(table).select(Select.COUNT).build())
                .stream().mapToLong(page -> page.count()).sum();
        if (count != rows) {
            throw new IllegalStateException(table + " holds " + count + " items for " + rows + " rows");
        }
    }

    /** 8 columns: a key and strings, numbers, a boolean, a date; seeded. */
    private static Path rowsFile(Path file, int rows) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name,email,city,age,balance,active,joined\n");
            for (int i = 1; i <= rows; i++) {
                out.write(String.format(Locale.ROOT, "u%07d,Name %d,user%d@example.com,City%d,%d,%d.%02d,%b,2024-%02d-%02d%n",
                        i, i, i, random.nextInt(500), 18 + random.nextInt(70), random.nextInt(100000),
                        random.nextInt(100), random.nextBoolean(), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            }
        }
        return file;
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build()));
    }

    private static void awaitReady(DynamoDbClient client) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                client.listTables();
                return;
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start");
    }
}
