package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.braze.sandbox.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trouble in front of Braze midway through an import — a proxy's HTML 502/503, a dropped
 * connection, a request that is never answered — is retried and the import completes with every
 * row sent once (braze.md 1.12 defects 4, 8, regressions 13, 14).
 */
class TransientFaultsTest {
    private static final int ROWS = 1000;

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("HTML 502", Fault.html(502), 2),
                Arguments.of("HTML 503", Fault.html(503), 1),
                Arguments.of("JSON 500", Fault.status(500), 1),
                Arguments.of("connection reset", Fault.reset(), 1),
                Arguments.of("hang", Fault.hang(), 1));
    }

    @ParameterizedTest(name = "{0} x{2}")
    @MethodSource("faults")
    void theImportCompletesAfterRetrying(String name, Fault fault, int times) {
        Path file = CliHarness.users(cli.dir().resolve("users.csv"), ROWS);
        cli.sandbox().faults().afterRequests(3, fault, times);

        CliHarness.Result run = cli.importJson(file, "--timeout", "2", "--concurrency", "4");

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode s = run.json();
        assertThat(s.get("status").asText()).isEqualTo("completed");
        assertThat(s.get("accepted").asLong()).isEqualTo(ROWS);
        assertThat(s.get("retries").asLong()).as("retries in %s", s).isGreaterThanOrEqualTo(times);
        assertThat(s.get("requests").asLong()).isEqualTo(cli.sandbox().stats().requests());
        CliHarness.assertReconciles(s);
        assertThat(cli.sandbox().stats().faultsInjected()).isEqualTo(times);
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            if (cli.sandbox().user(CliHarness.userId(i)).isEmpty()) {
                missing.add(CliHarness.userId(i));
            }
        }
        assertThat(missing).isEmpty();
        assertThat(cli.duplicates()).as("a faulted request changed nothing, so nothing is sent twice").isZero();
    }
}
