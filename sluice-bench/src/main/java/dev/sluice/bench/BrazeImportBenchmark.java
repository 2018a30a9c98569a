package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Braze import benchmark: a generated users file imported into the Braze sandbox, both running as
 * their own JVMs.
 * <ul>
 *   <li>(a) at Braze's real limit, 3,000 requests per 3 s, with 100 ms per request as a remote API
 *   has: the figure that matters is the share of the limit used (goal ≥ 95 %);</li>
 *   <li>(b) with no limit and no latency: raw rows/s (goal ≥ 150,000 on 2 cores).</li>
 * </ul>
 * The sandbox runs with {@code --no-store}: it still parses and validates every object and keeps
 * Braze's limits, but keeps no profiles. Holding a million profiles makes its garbage collector pause
 * for hundreds of milliseconds and take a third of the two cores, which measures the sandbox's heap,
 * not Sluice; Braze itself does not pause. The tests check the stored profiles.
 * Each sandbox is warmed up first by importing the same file once (its JIT takes millions of objects
 * to settle, and the remote API it stands for is always warm); only the second import, by a fresh
 * importer JVM, is measured. After it, the sandbox's own counters must show every row of both imports
 * accepted exactly once.
 * The importer runs with -Xmx256m, so a run that needs more heap fails; the peak it used is printed.
 * Usage: {@code bench/braze-import [ROWS]} (default 1,000,000).
 */
public final class BrazeImportBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double LIMIT_PER_SECOND = 1000.0;
    /** Longer than one rate-limit window: the measured import does not start in a window the warm-up used up. */
    private static final long QUIET_AFTER_WARM_UP_MILLIS = 3500;

    private BrazeImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Path.of(System.getProperty("sluice.root", "."));
        Child child = new Child(root.resolve("sluice-cli/target/sluice.jar"));
        Path data = UsersCsv.ensure(root.resolve("bench/data/users-" + rows + ".csv"), rows);
        System.out.printf(Locale.ROOT, "file: %s (%,d rows, %,d bytes); machine: %d cores, %s %s%n", data, rows,
                Files.size(data), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));

        List<String> report = new ArrayList<>();
        JsonNode limited = run(child, data, List.of("--rate-limit", "3000/3s", "--latency-ms", "100", "--no-store"),
                List.of("--rate-limit", "3000/3s"));
        double requestsPerSecond = limited.get("requests").asDouble() / seconds(limited);
        report.add(line("(a) 3000/3s, 100 ms latency", limited, rows)
                + String.format(Locale.ROOT, "  share of limit %.1f %%", 100 * requestsPerSecond / LIMIT_PER_SECOND));
        JsonNode unlimited = run(child, data, List.of("--rate-limit", "none", "--latency-ms", "0", "--no-store"),
                List.of("--rate-limit", "none"));
        report.add(line("(b) no limit, no latency", unlimited, rows)
                + String.format(Locale.ROOT, "  vs goal 150,000 rows/s: %.2fx", rows / seconds(unlimited) / 150_000));
        System.out.println();
        report.forEach(System.out::println);
    }

    /** Warms a fresh sandbox up with one import of the file, then measures a second. */
    private static JsonNode run(Child child, Path data, List<String> sandboxOptions,
            List<String> importOptions) throws IOException, InterruptedException {
        try (Child.Sandbox sandbox = Child.sandbox(child, sandboxOptions.toArray(String[]::new))) {
            long warmUpRows = importInto(child, sandbox, data, importOptions).get("rows_read").asLong();
            Thread.sleep(QUIET_AFTER_WARM_UP_MILLIS);
            JsonNode summary = importInto(child, sandbox, data, importOptions);
            JsonNode stats = sandbox.stats();
            long expected = warmUpRows + summary.get("rows_read").asLong();
            if (stats.get("objects_accepted").asLong() != expected) {
                throw new IllegalStateException("the sandbox accepted " + stats.get("objects_accepted") + " objects for "
                        + expected + " rows: " + stats);
            }
            return summary;
        }
    }

    private static JsonNode importInto(Child child, Child.Sandbox sandbox, Path file, List<String> importOptions)
            throws IOException, InterruptedException {
        Path state = Files.createTempDirectory("sluice-bench");
        List<String> args = new ArrayList<>(List.of("import", file.toString(), "--to", "braze", "--json",
                "--state", state.toString(), "--rejects", state.resolve("rejects.csv").toString()));
        args.addAll(importOptions);
        Process importer = child.sluice("256m", sandbox.env(), args.toArray(String[]::new)).start();
        String output = Child.output(importer);
        JsonNode summary = JSON.readTree(output.substring(output.indexOf('{')));
        if (!summary.get("status").asText().equals("completed") || summary.get("rejected").asLong() != 0) {
            throw new IllegalStateException("the import of " + file + " did not complete cleanly: " + output);
        }
        return summary;
    }

    private static double seconds(JsonNode summary) {
        return summary.get("duration_ms").asDouble() / 1000.0;
    }

    private static String line(String name, JsonNode s, int rows) {
        double seconds = seconds(s);
        return String.format(Locale.ROOT, "%-30s %6.1f s  %,9.0f rows/s  %,7.0f requests/s  %,d requests"
                        + "  %d retries  peak heap %,.0f MB", name, seconds, rows / seconds,
                s.get("requests").asDouble() / seconds, s.get("requests").asLong(), s.get("retries").asLong(),
                s.get("peak_heap_bytes").asDouble() / (1024 * 1024));
    }
}
