package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A real child JVM loading 60,000 rows into DynamoDB Local is killed with SIGKILL twice at random
 * moments, then run again until it finishes: every row is an item, once, with the file's content,
 * and the final counts are those of the file. Put mode writes whole items, so a batch sent again
 * after a kill overwrites items with the same content.
 */
class DynamoKillNineTest {
    private static final int ROWS = 60_000;

    @TempDir
    Path dir;

    @Test
    void killedTwiceThenRunAgainLoadsEveryRowOnce() throws Exception {
        try (DynamoLocal dynamo = DynamoLocal.start()) {
            dynamo.createTable("killed_items", "id", ScalarAttributeType.S);
            Path file = dir.resolve("rows.csv");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("id,name,score\n");
                for (int i = 1; i <= ROWS; i++) {
                    out.write("r" + i + ",name" + i + "," + (i * 7 % 1000) + "\n");
                }
            }
            Random random = new Random(7);
            for (int kill = 0; kill < 2; kill++) {
                Process child = start(dynamo, file);
                String landmark = "r" + (kill + 1) * 15_000;
                waitUntil(() -> !dynamo.client().getItem(b -> b.tableName("killed_items")
                        .key(Map.of("id", AttributeValue.fromS(landmark)))).item().isEmpty(), child);
                Thread.sleep(100 + random.nextInt(600));
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            }
            Process last = start(dynamo, file);
            String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as(output).isZero();

            JsonNode summary = new ObjectMapper().readTree(output.substring(output.indexOf('{')));
            assertThat(summary.get("resumed").asBoolean()).isTrue();
            assertThat(summary.get("rows_read").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("accepted").asLong()).isEqualTo(ROWS);
            assertThat(dynamo.count("killed_items")).isEqualTo(ROWS);
            Map<String, AttributeValue> sample = dynamo.client().getItem(b -> b.tableName("killed_items")
                    .key(Map.of("id", AttributeValue.fromS("r54321")))).item();
            assertThat(sample).containsEntry("name", AttributeValue.fromS("name54321"))
                    .containsEntry("score", AttributeValue.fromN(String.valueOf(54321 * 7 % 1000)));
        }
    }

    private Process start(DynamoLocal dynamo, Path file) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "import", file.toString(), "--to", "dynamodb", "--table", "killed_items", "--infer",
                "--state", dir.resolve("state").toString(), "--json", "--concurrency", "4"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(dynamo.env());
        return builder.start();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(child.isAlive()).as("the import ended before it could be killed").isTrue();
            assertThat(System.nanoTime()).as("the import made no progress").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
