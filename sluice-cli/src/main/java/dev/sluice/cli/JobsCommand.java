package dev.sluice.cli;

import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.SqliteLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List recent jobs from the ledger: status, checkpoint and counts.")
final class JobsCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".sluice",
            description = "Where the ledger lives. Default: ${DEFAULT-VALUE}.")
    Path state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many. Default: ${DEFAULT-VALUE}.")
    int limit;

    JobsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!Files.exists(state.resolve("ledger.db"))) {
            console.out().println("No jobs yet (no ledger in " + state + ").");
            return ExitCode.OK;
        }
        try (SqliteLedger ledger = SqliteLedger.open(state)) {
            console.out().printf("%5s  %-9s  %12s  %12s  %9s  %14s  %-19s  %s%n",
                    "JOB", "STATUS", "ROWS", "ACCEPTED", "REJECTED", "OFFSET", "UPDATED", "SOURCE");
            for (JobRecord job : ledger.recent(limit)) {
                Counts c = job.checkpoint().counts();
                console.out().printf("%5d  %-9s  %12s  %12s  %9s  %14d  %-19s  %s%n", job.id(),
                        job.status().name().toLowerCase(java.util.Locale.ROOT), Summary.number(c.read()),
                        Summary.number(c.accepted()), Summary.number(c.rejected()), job.checkpoint().offset(),
                        job.updatedAt().toString().substring(0, 19), job.source());
            }
        }
        return ExitCode.OK;
    }
}
