package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.sandbox.Fault;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same user on several rows ends with the values of the last row, even when those rows land in
 * batches sent concurrently (braze.md 1.12 defect 13, regression 20): Braze does not order
 * concurrent requests, so the engine must not send two batches for one user at once.
 */
class SameUserOrderTest {
    private static final int ROWS = 300;

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @RepeatedTest(5)
    void theLaterRowWins() {
        // rows are 1-based; 75 per batch: batch 1 = rows 1-75, batch 2 = 76-150, batch 4 = 226-300
        Path file = CliHarness.writeRows(cli.dir().resolve("users.csv"), "external_id,plan,score,city", ROWS, i -> switch (i) {
            case 10 -> "X,gold,1,Paris";
            case 290 -> "X,silver,2,";           // city omitted: the earlier value stays
            case 75 -> "Y,early,75,Oslo";
            case 76 -> "Y,late,76,Rome";         // the very next row, first of batch 2
            case 5 -> "Z,first,5,A";
            case 150 -> "Z,second,150,B";
            case 295 -> "Z,third,295,C";
            default -> CliHarness.userId(i) + ",p" + i + "," + i + ",c" + i;
        }, "\n");

        // The first request to arrive (normally batch 1's) gets a 503 and is retried after a backoff,
        // while the other batches are free to go: a batch 4 sent meanwhile would overwrite X with
        // silver first and then lose to batch 1's gold.
        cli.sandbox().faults().afterRequests(0, Fault.status(503), 1);

        CliHarness.Result run = cli.importJson(file, "--concurrency", "8");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("accepted").asLong()).isEqualTo(ROWS);
        Map<String, Object> x = cli.sandbox().user("X").orElseThrow();
        assertThat(x).containsEntry("plan", "silver").containsEntry("score", 2L).containsEntry("city", "Paris");
        assertThat(cli.sandbox().user("Y").orElseThrow()).containsEntry("plan", "late").containsEntry("city", "Rome");
        assertThat(cli.sandbox().user("Z").orElseThrow()).containsEntry("plan", "third").containsEntry("score", 295L);
        assertThat(cli.sandbox().stats().objectsAccepted()).isEqualTo(ROWS);
        assertThat(run.json().get("retries").asLong()).isEqualTo(1);
    }
}
