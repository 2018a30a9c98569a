package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the {@code sluice} command line in this JVM against a real {@link BrazeSandbox}: the sandbox's
 * URL and key go in the environment the CLI sees, its standard output and error are captured, and
 * its exit code is returned (Main.run never calls System.exit).
 *
 * <p>A JUnit extension for each test, registered on a field of the test class:
 * {@code @RegisterExtension final CliHarness cli = CliHarness.perTest();}. Before each test it makes a
 * temporary directory ({@link #dir()}, for the test's files, with the ledger in {@link #state()}) and
 * starts a sandbox; after it, it closes the sandbox and deletes the directory.
 *
 * <pre>{@code
 * CliHarness.Result r = cli.importJson(CliHarness.users(cli.dir().resolve("users.csv"), 3));
 * assertThat(r.exitCode()).isZero();
 * assertThat(r.json().get("accepted").asLong()).isEqualTo(3);
 * assertThat(cli.sandbox().user("u0001")).isPresent();
 * }</pre>
 */
final class CliHarness implements BeforeEachCallback, AfterEachCallback {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What one CLI invocation did. */
    record Result(int exitCode, String out, String err) {

        /** The {@code --json} summary: the last line of standard output that is a JSON object. */
        JsonNode json() {
            List<String> lines = Arrays.asList(out.split("\\R"));
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (line.startsWith("{")) {
                    try {
                        return JSON.readTree(line);
                    } catch (IOException e) {
                        throw new AssertionError("not JSON: " + line, e);
                    }
                }
            }
            throw new AssertionError("no JSON summary on standard output; out=<" + out + "> err=<" + err + ">");
        }

        /** Everything the command printed, for messages that may go to either stream. */
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    private final SandboxConfig config;
    private Path dir;
    private BrazeSandbox sandbox;

    private CliHarness(SandboxConfig config) {
        this.config = config;
    }

    /** For {@code @RegisterExtension}: a sandbox with Braze's defaults (3000 requests / 3 s, 75 objects) per test. */
    static CliHarness perTest() {
        return perTest(SandboxConfig.defaults());
    }

    /** For {@code @RegisterExtension}: a sandbox with {@code config} per test. */
    static CliHarness perTest(SandboxConfig config) {
        return new CliHarness(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("sluice-cli-test");
        sandbox = BrazeSandbox.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (sandbox != null) {
                sandbox.close();
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /**
     * Closes this test's sandbox and starts a new one with {@code config}, for the test that needs a
     * sandbox unlike the others of its class; {@link #dir()} and the ledger stay.
     */
    void restart(SandboxConfig config) {
        sandbox.close();
        sandbox = BrazeSandbox.start(config);
    }

    BrazeSandbox sandbox() {
        return sandbox;
    }

    /** This test's temporary directory, deleted after it. */
    Path dir() {
        return dir;
    }

    /** The ledger's directory, {@code state} in {@link #dir()}; the CLI creates it. */
    Path state() {
        return dir.resolve("state");
    }

    /** BRAZE_API_URL and BRAZE_API_KEY of the sandbox. */
    Map<String, String> env() {
        return Map.of("BRAZE_API_URL", sandbox.url(), "BRAZE_API_KEY", sandbox.apiKey());
    }

    /** {@code sluice ARGS} with the sandbox in the environment. */
    Result run(String... args) {
        return run(env(), args);
    }

    /** {@code sluice import FILE --to braze --state STATE --json OPTIONS}. */
    Result importJson(Path file, String... options) {
        return run(concat(List.of("import", file.toString(), "--to", "braze", "--state", state().toString(), "--json"),
                options));
    }

    /** {@code sluice validate FILE --to braze OPTIONS}. */
    Result validate(Path file, String... options) {
        return run(concat(List.of("validate", file.toString(), "--to", "braze"), options));
    }

    /** {@code sluice ARGS} with exactly this environment. */
    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(new Console(o, e, new HashMap<>(env), false), args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    // ---- files ----------------------------------------------------------------------------------

    /** Writes {@code text} as UTF-8, exactly (line endings and all). */
    static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A header line and {@code rows} data lines made by {@code row} (1-based), each ended by {@code eol}. */
    static Path writeRows(Path file, String header, int rows, IntFunction<String> row, String eol) {
        StringBuilder text = new StringBuilder(header).append(eol);
        for (int i = 1; i <= rows; i++) {
            text.append(row.apply(i)).append(eol);
        }
        return write(file, text.toString());
    }

    /** {@code external_id,plan,score} with users u0001… (plan p{i}, score i). */
    static Path users(Path file, int rows) {
        return writeRows(file, "external_id,plan,score", rows, i -> userId(i) + ",p" + i + "," + i, "\n");
    }

    static String userId(int i) {
        return String.format("u%04d", i);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** One row of a rejects file. */
    record Reject(long line, String column, String reason, String original) {
    }

    /** The rows of a rejects file ({@code line,column,reason,original}), read as CSV. */
    static List<Reject> rejects(Path file) {
        List<Reject> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             CsvReader reader = CsvReader.atStart(in, file.toString(), CsvOptions.DEFAULT)) {
            assertThat(reader.header().names()).containsExactly("line", "column", "reason", "original");
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                String[] f = row.fields();
                rows.add(new Reject(Long.parseLong(f[0]), f[1], f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    // ---- assertions ---------------------------------------------------------------------------------

    /** The summary's counts add up: rows read = accepted + rejected + skipped. */
    static void assertReconciles(JsonNode summary) {
        assertThat(summary.get("rows_read").asLong())
                .as("rows_read = accepted + rejected + skipped in %s", summary)
                .isEqualTo(summary.get("accepted").asLong() + summary.get("rejected").asLong()
                        + summary.get("skipped").asLong());
    }

    /** Objects the sandbox accepted more than once: what re-sending cost in data points. */
    long duplicates() {
        return sandbox.stats().objectsAccepted() - sandbox.stats().users();
    }
}
