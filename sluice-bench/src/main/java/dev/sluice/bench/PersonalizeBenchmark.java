package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Personalize connector benchmark: a related_items job of 1,000,000 batch lines × 25 items,
 * 200,000 user-item mappings and 20,000 items with metadata, run by {@code java -Xmx1g -jar sluice.jar
 * personalize run} in its own JVM (so a run that needs more than 1 GB fails, and the peak it used is its own):
 * <ol>
 *   <li>the whole job from no state (read, error split, join, decorate, delta, output files, state),
 *       without sending (the goal: under 10 s and 1 GB of heap on 2 cores);</li>
 *   <li>the same input again, sending to a Braze sandbox: every row unchanged, nothing written or sent;</li>
 *   <li>from no state again, sending every changed row to the sandbox (no rate limit, no latency,
 *       {@code --no-store}): the whole job with Braze.</li>
 * </ol>
 * Usage: {@code bench/personalize [LINES] [MAPPINGS] [ITEMS]}.
 */
public final class PersonalizeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GOAL_SECONDS = 10;

    private PersonalizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int mappings = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int items = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path root = Path.of(System.getProperty("sluice.root", "."));
        Child child = new Child(root.resolve("sluice-cli/target/sluice.jar"));
        Path data = root.resolve("bench/data/personalize-" + lines);
        Path job = PersonalizeData.ensure(data, lines, mappings, items);
        System.out.printf(Locale.ROOT, "data: %s (%,d batch lines of 25 items, %,d bytes; %,d mappings; %,d items);"
                        + " machine: %d cores, %s %s%n", data, lines, Files.size(data.resolve("batch/out/job_config.json.out")),
                mappings, items, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));

        List<String> report = new ArrayList<>();
        clean(job);
        String loadBefore = load();
        JsonNode first = run(child, job, Map.of(), "2024-01-01T00:00:00Z", "--no-send");
        report.add(line("1. whole job, no state, files only", first));
        report.add("   load average before it (1, 5, 15 min): " + loadBefore);
        try (Child.Sandbox sandbox = Child.sandbox(child, "--rate-limit", "none", "--no-store")) {
            JsonNode second = run(child, job, sandbox.env(), "2024-01-01T00:01:00Z");
            report.add(line("2. unchanged input, to Braze", second));
            long brazeRequests = sandbox.stats().get("requests").asLong();
            if (connector(second).get("sent").asLong() != 0 || brazeRequests != 0) {
                throw new IllegalStateException("the unchanged run sent something: " + second);
            }
            clean(job);
            JsonNode third = run(child, job, sandbox.env(), "2024-01-01T00:02:00Z");
            report.add(line("3. whole job, no state, to Braze", third));
            long accepted = sandbox.stats().get("objects_accepted").asLong();
            if (accepted != connector(third).get("sent").asLong()) {
                throw new IllegalStateException("the sandbox accepted " + accepted + " objects for " + third);
            }
        }
        System.out.println();
        report.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nrun 1 vs the goal of %.0f s: %.2fx (below 1 is under the goal)%n", GOAL_SECONDS,
                first.get("duration_ms").asDouble() / 1000 / GOAL_SECONDS);
    }

    /** The machine's load average, since a shared 2-core machine makes every figure depend on it. */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static JsonNode connector(JsonNode summary) {
        return summary.get("connectors").get(0);
    }

    private static JsonNode run(Child child, Path job, Map<String, String> env, String now, String... more)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("personalize", "run", "--job", job.toString(), "--json", "--now", now));
        args.addAll(List.of(more));
        long started = System.nanoTime();
        Process process = child.sluice("1g", env, args.toArray(String[]::new)).start();
        String output = Child.output(process);
        long wall = (System.nanoTime() - started) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("sluice personalize run failed (exit " + process.exitValue() + "): " + output);
        }
        JsonNode summary = JSON.readTree(output.substring(output.indexOf('{')));
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary).put("wall_ms", wall);
        return summary;
    }

    /** Removes the outputs and the state of earlier runs, so a run starts from no state. */
    private static void clean(Path job) throws IOException {
        for (String folder : List.of("output", "errors", "rejects")) {
            Path path = job.resolve(folder);
            if (Files.exists(path)) {
                try (Stream<Path> paths = Files.walk(path)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static String line(String name, JsonNode s) {
        JsonNode c = connector(s);
        return String.format(Locale.ROOT, "%-38s job %5.1f s (JVM %5.1f s)  peak heap %,5.0f MB  lines %,d  joined %,d"
                        + "  changed %,d  unchanged %,d  sent %,d  requests %,d", name,
                s.get("duration_ms").asDouble() / 1000, s.get("wall_ms").asDouble() / 1000,
                s.get("peak_heap_bytes").asDouble() / (1024 * 1024), s.get("lines_read").asLong(),
                s.get("joined_rows").asLong(), c.get("changed").asLong(), c.get("unchanged").asLong(),
                c.get("sent").asLong(), c.get("requests").asLong());
    }
}
