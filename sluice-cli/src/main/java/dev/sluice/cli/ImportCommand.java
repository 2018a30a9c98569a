package dev.sluice.cli;

import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.rejects.RejectsFile;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.core.engine.SinkItem;
import dev.sluice.core.engine.ImportJob;
import dev.sluice.core.engine.ImportRunner;
import dev.sluice.core.engine.JobResult;
import dev.sluice.core.engine.ManualStart;
import dev.sluice.core.ledger.Ledger;
import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.pipeline.Pipelines;
import dev.sluice.core.source.SourceObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a CSV file into a destination, resumably.",
                "",
                "The first row is the header. For Braze, the identifier column (external_id, braze_id,"
                        + " alias_name + alias_label, email or phone, or --id-column) may be anywhere; every other"
                        + " column is an attribute. Values are typed without corrupting data: identifiers,"
                        + " leading zeros and numbers beyond 64 bits stay strings. For DynamoDB, the table's key"
                        + " schema is read and its key columns (or --key-template) are required.",
                "",
                "A file already imported to the same destination is refused unless --force. An interrupted"
                        + " import resumes from its checkpoint when the same command runs again."})
final class ImportCommand implements Callable<Integer> {
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final Console console;
    /** Null: a person watches (progress line, Ctrl-C); see {@link JobWatch}. */
    private final JobWatch watch;

    @Mixin
    FileOptions file = new FileOptions();

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Requests in flight at once; a crash re-sends at most this many. Braze (default "
                    + BrazeConfig.DEFAULT_CONCURRENCY + "): about 100 are needed to use the whole rate limit at 100 ms"
                    + " per request. DynamoDB (default 8): batches of 25 items.")
    Integer concurrency;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "Attempts per request on throttling, 5xx, timeouts and resets before the job stops"
                    + " (resumable). Default: 10.")
    Integer maxAttempts;

    @Option(names = "--force", description = "Import the file even if it was already imported to this destination.")
    boolean force;

    @Option(names = "--offset", paramLabel = "BYTES",
            description = "Start at this byte offset, which must begin a line (the 'offset' of the original"
                    + " Lambda's continuation event, or the OFFSET column of 'sluice jobs'); needs --headers.")
    Long offset;

    @Option(names = "--headers", paramLabel = "NAMES", split = ",", hideParamSyntax = true,
            description = "The file's column names, comma-separated, with --offset. At offset 0 the header line"
                    + " is checked against them and never sent.")
    List<String> headers;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Where rejected rows go (line, column, reason, original). Default: beside the input,"
                    + " NAME.rejects.csv.")
    Path rejects;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".sluice",
            description = "Where the ledger of jobs and checkpoints lives. Default: ${DEFAULT-VALUE}.")
    Path state;

    @Option(names = "--version-id", paramLabel = "ID",
            description = "With s3://: import this version of the object (a versioned bucket), not the newest.")
    String versionId;

    @Option(names = "--json", description = "Print the summary as one JSON object on standard output.")
    boolean json;

    @Option(names = "--pipeline", paramLabel = "NAME",
            description = "Take the destination and its options from this pipeline of the pipelines file;"
                    + " options given here win.")
    String pipeline;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "sluice.yaml",
            description = "The pipelines file, with --pipeline. Default: ${DEFAULT-VALUE}.")
    Path config;

    @Spec
    CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nBraze options:%n")
    BrazeOptions braze = new BrazeOptions();

    @ArgGroup(validate = false, heading = "%nDynamoDB options:%n")
    DynamoOptions dynamo = new DynamoOptions();

    @ArgGroup(validate = false, heading = "%nPostgreSQL options (connection from SLUICE_POSTGRES_URL):%n")
    PostgresOptions postgres = new PostgresOptions();

    ImportCommand(Console console, JobWatch watch) {
        this.console = console;
        this.watch = watch;
    }

    @Override
    public Integer call() throws Exception {
        Console run = console;
        Integer inFlight = concurrency;
        String sharedLedger = null;
        if (pipeline != null) {
            Pipelines pipelines = PipelineSettings.load(config, console);
            Pipeline chosen = PipelineSettings.choose(pipelines, pipeline);
            run = PipelineSettings.apply(chosen, spec.commandLine().getParseResult(), console, file, braze, dynamo,
                    postgres);
            inFlight = PipelineSettings.concurrency(chosen, concurrency);
            if (!spec.commandLine().getParseResult().hasMatchedOption("--state")) {
                state = pipelines.state();
            }
            sharedLedger = pipelines.ledgerUrl();
        }
        if (file.destination().equals("postgres")) {
            return importIntoPostgres(run);
        }
        ManualStart manual = manualStart();
        try (Sources.Opened opened = Sources.open(run, file.file, versionId);
             Destination<?> destination = Destinations.forImport(run, file, braze, dynamo, inFlight, maxAttempts,
                     !json)) {
            return importInto(destination, opened, manual, sharedLedger);
        }
    }

    private <T extends SinkItem> int importInto(Destination<T> destination, Sources.Opened opened, ManualStart manual,
            String sharedLedger) throws IOException, InterruptedException {
        SourceObject source = opened.source();
        Path rejectsFile = rejects != null ? rejects : opened.defaultRejects(state);
        ImportJob<T> job = new ImportJob<>(source, file.csv(), destination.id(), destination.transforms(),
                rejectsFile, force, manual, DRAIN_TIMEOUT);
        try (Ledger ledger = Ledgers.open(console, state, sharedLedger); Sink<T> sink = destination.sink()) {
            ImportRunner<T> runner = new ImportRunner<>(job, ledger, sink);
            CountDownLatch summaryPrinted = new CountDownLatch(1);
            JobResult result = watch != null ? watch.run(runner) : runWatched(runner, summaryPrinted);
            new Summary(console, json).print(result, source.name(), destination.describe());
            summaryPrinted.countDown();
            return exitCode(result);
        }
    }

    private int importIntoPostgres(Console run) throws IOException {
        if (offset != null || headers != null) {
            throw new IllegalArgumentException("--to postgres loads whole files in one transaction: --offset and"
                    + " --headers do not apply");
        }
        Path rejectsFile = rejects != null ? rejects
                : Path.of(file.file).toAbsolutePath().resolveSibling(RejectsFile.nameFor(Path.of(file.file).getFileName().toString()));
        boolean modeGiven = spec.commandLine().getParseResult().hasMatchedOption("--mode");
        LoadMode mode = modeGiven || postgres.pipelineMode == null ? PostgresOptions.mode(dynamo.mode, modeGiven)
                : PostgresOptions.mode(postgres.pipelineMode, true);
        PostgresImport.Settings settings = new PostgresImport.Settings(file.file, versionId, file.csv(),
                PostgresOptions.table(dynamo.table), mode, postgres.key, postgres, rejectsFile, state, force);
        return new PostgresImport(run, json).run(settings, file);
    }

    private ManualStart manualStart() {
        if (offset == null) {
            if (headers != null) {
                throw new IllegalArgumentException("--headers goes with --offset");
            }
            return null;
        }
        return new ManualStart(offset, headers);
    }

    /**
     * Runs the job with a progress line for a person watching, and a shutdown hook so that Ctrl-C or
     * SIGTERM stops reading, drains what is in flight, lets the summary print and exits with 3.
     */
    private JobResult runWatched(ImportRunner<?> runner, CountDownLatch summaryPrinted)
            throws IOException, InterruptedException {
        Thread hook = new Thread(() -> {
            runner.requestStop("interrupted; run the same command to resume");
            try {
                summaryPrinted.await(DRAIN_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ExitCode.STOPPED);
        }, "sluice-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressLine progress = ProgressLine.start(console, runner.progress(), console.interactive() && !json);
        try {
            return runner.run();
        } finally {
            progress.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it exits with 3 once the summary is printed
            }
        }
    }

    static int exitCode(JobResult result) {
        return switch (result.status()) {
            case COMPLETED -> result.counts().rejected() > 0 ? ExitCode.REJECTED_ROWS : ExitCode.OK;
            case ALREADY_IMPORTED -> ExitCode.OK;
            case INVALID -> ExitCode.USAGE;
            case STOPPED -> ExitCode.STOPPED;
        };
    }
}
