package dev.sluice.cli;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRow;
import dev.sluice.core.engine.DryRunSink;
import dev.sluice.core.engine.SinkItem;
import dev.sluice.core.engine.ImportJob;
import dev.sluice.core.engine.ImportRunner;
import dev.sluice.core.engine.JobResult;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.InMemoryLedger;
import dev.sluice.core.source.LocalFile;
import dev.sluice.core.source.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read and type a whole file as an import would, and send nothing.",
                "",
                "Prints the rows an import would reject, and how many requests it would send and what they"
                        + " would cost (Braze attribute updates, i.e. data points; DynamoDB write capacity units)."
                        + " Records nothing in the ledger. For DynamoDB the table's key schema is read."})
final class ValidateCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    FileOptions file = new FileOptions();

    @ArgGroup(validate = false, heading = "%nBraze options:%n")
    BrazeOptions braze = new BrazeOptions();

    @ArgGroup(validate = false, heading = "%nDynamoDB options:%n")
    DynamoOptions dynamo = new DynamoOptions();

    @Option(names = "--rejects", paramLabel = "FILE", description = "Also keep the rows that would be rejected here.")
    Path rejects;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "How many rejected rows to print. Default: ${DEFAULT-VALUE}.")
    int show;

    ValidateCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        file.destination();
        Path rejectsFile = rejects != null ? rejects : Files.createTempFile("sluice-validate", ".csv");
        try (Sources.Opened opened = Sources.open(console, file.file, null);
             Destination<?> destination = Destinations.forValidate(console, file, braze, dynamo)) {
            return validate(destination, opened.source(), rejectsFile);
        } finally {
            if (rejects == null) {
                Files.deleteIfExists(rejectsFile);
            }
        }
    }

    private <T extends SinkItem> int validate(Destination<T> destination, SourceObject source, Path rejectsFile)
            throws IOException, InterruptedException {
        DryRunSink<T> sink = new DryRunSink<>(destination.limits(), destination::cost);
        ImportJob<T> job = new ImportJob<>(source, file.csv(), "validate", destination.transforms(), rejectsFile, true,
                null, Duration.ofSeconds(1));
        JobResult result = new ImportRunner<>(job, new InMemoryLedger(), sink).run();
        if (result.status() == JobResult.Status.INVALID) {
            console.out().println("Invalid: " + result.message());
            return ExitCode.USAGE;
        }
        Counts c = result.counts();
        console.out().println("Validated " + source.name() + " for " + file.destinationName() + ": nothing was sent.");
        line("rows read", c.read());
        line("would be sent", c.accepted());
        line("would be rejected", c.rejected());
        line("skipped", c.skipped());
        line("requests", sink.stats().requests());
        line(destination.costUnit(), sink.weight());
        if (result.rejectsFile() != null) {
            printRejected(result.rejectsFile());
        }
        return c.rejected() > 0 ? ExitCode.REJECTED_ROWS : ExitCode.OK;
    }

    private void line(String label, long value) {
        console.out().printf("  %-20s %s%n", label, Summary.number(value));
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
