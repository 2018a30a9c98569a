package dev.sluice.cli;

import dev.sluice.braze.BrazeDestination;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRow;
import dev.sluice.core.engine.DryRunSink;
import dev.sluice.core.engine.ImportJob;
import dev.sluice.core.engine.ImportRunner;
import dev.sluice.core.engine.JobResult;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.InMemoryLedger;
import dev.sluice.core.source.LocalFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read and type a whole file as an import would, and send nothing.",
                "",
                "Prints the rows an import would reject, and how many requests and attribute updates"
                        + " (Braze data points) it would send. Records nothing in the ledger."})
final class ValidateCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    FileOptions file = new FileOptions();

    @Option(names = "--rejects", paramLabel = "FILE", description = "Also keep the rows that would be rejected here.")
    Path rejects;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "How many rejected rows to print. Default: ${DEFAULT-VALUE}.")
    int show;

    ValidateCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        file.checkDestination();
        LocalFile source = ImportCommand.openSource(file.file);
        Path rejectsFile = rejects != null ? rejects : Files.createTempFile("sluice-validate", ".csv");
        try {
            DryRunSink<BrazeObject> sink = new DryRunSink<>(BrazeSink.limits(file.batchSize, file.maxBodyBytes),
                    BrazeObject::attributeCount);
            ImportJob<BrazeObject> job = new ImportJob<>(source, file.csv(), "validate",
                    BrazeDestination.transforms(file.braze(), console::warn), rejectsFile, true, null, Duration.ofSeconds(1));
            JobResult result = new ImportRunner<>(job, new InMemoryLedger(), sink).run();
            report(result, source.name(), sink);
            if (result.status() == JobResult.Status.INVALID) {
                return ExitCode.USAGE;
            }
            return result.counts().rejected() > 0 ? ExitCode.REJECTED_ROWS : ExitCode.OK;
        } finally {
            if (rejects == null) {
                Files.deleteIfExists(rejectsFile);
            }
        }
    }

    private void report(JobResult result, String source, DryRunSink<BrazeObject> sink) throws IOException {
        if (result.status() == JobResult.Status.INVALID) {
            console.out().println("Invalid: " + result.message());
            return;
        }
        Counts c = result.counts();
        console.out().println("Validated " + source + " for Braze: nothing was sent.");
        console.out().printf("  %-17s %s%n", "rows read", Summary.number(c.read()));
        console.out().printf("  %-17s %s%n", "would be sent", Summary.number(c.accepted()));
        console.out().printf("  %-17s %s%n", "would be rejected", Summary.number(c.rejected()));
        console.out().printf("  %-17s %s%n", "skipped", Summary.number(c.skipped()));
        console.out().printf("  %-17s %s%n", "requests", Summary.number(sink.stats().requests()));
        console.out().printf("  %-17s %s%n", "attribute updates", Summary.number(sink.weight()));
        if (result.rejectsFile() != null) {
            printRejected(result.rejectsFile());
        }
    }

    /** Lists rejected rows from the rejects file the engine wrote (line, column, reason, original). */
    private void printRejected(Path rejectsFile) throws IOException {
        console.out().println("Rows that would be rejected:");
        int printed = 0;
        try (InputStream in = LocalFile.of(rejectsFile).open(0);
             CsvReader reader = CsvReader.atStart(in, rejectsFile.toString(), CsvOptions.DEFAULT)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                if (printed == show) {
                    console.out().println("  … more" + (rejects == null ? "; keep them all with --rejects FILE" : " in " + rejects));
                    break;
                }
                String[] f = row.fields();
                String column = f[1].isEmpty() ? "" : ", column '" + f[1] + "'";
                console.out().println("  line " + f[0] + column + ": " + f[2]);
                printed++;
            }
        }
    }
}
