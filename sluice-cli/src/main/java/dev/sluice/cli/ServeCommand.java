package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.AwsClients;
import com.sun.net.httpserver.HttpHandler;
import dev.sluice.cli.serve.Arrival;
import dev.sluice.cli.serve.ControlShiftIntake;
import dev.sluice.cli.serve.Drain;
import dev.sluice.cli.serve.Poller;
import dev.sluice.cli.serve.ServeLoop;
import dev.sluice.cli.serve.ServeMetrics;
import dev.sluice.cli.serve.ServeSetup;
import dev.sluice.cli.serve.ServeWorker;
import dev.sluice.cli.serve.ServiceEndpoints;
import dev.sluice.core.ledger.JdbcLedger;
import dev.sluice.core.pipeline.Pipelines;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run as a service: watch the sources of the pipelines file and import every file that"
                + " arrives, once.",
                "",
                "Sources: a folder (a file counts once its size and modification time are unchanged between two"
                        + " looks); a bucket with 'queue:' (S3 event notifications delivered to SQS; test events"
                        + " ignored, keys URL-decoded, the event's version imported); a bucket without a queue"
                        + " (listed every 'poll').",
                "",
                "Queues: each of 'personalize_queues:' (rows of 'sluice personalize run --queue-url') is sent on to"
                        + " Braze; refused rows go to the queue's dead-letter queue.",
                "",
                "Each file is claimed in the ledger before it is imported, so it is imported once, also when an"
                        + " event comes twice or several instances share a PostgreSQL ledger ('ledger:' in the"
                        + " pipelines file). A finished file and its rejects file move to the pipeline's done/"
                        + " (failed/ when it cannot be imported). SIGTERM stops taking files, drains the running"
                        + " import and saves its checkpoint; the file resumes at the next start.",
                "",
                "A 'controlshift:' section in the pipelines file adds POST /webhooks/controlshift: ControlShift's"
                        + " bulk-data webhooks are recorded, their files downloaded, batched and loaded into PostgreSQL"
                        + " by a worker that runs every interval; 'sluice batches' shows the batches.",
                "",
                "HTTP: GET /health (200 serving, 503 draining) and GET /metrics (Prometheus)."})
final class ServeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Console console;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "sluice.yaml",
            description = "The pipelines file. Default: ${DEFAULT-VALUE}.")
    Path config;

    @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "2000",
            description = "Pause between looks; a source's own 'poll' may make it looked at less often."
                    + " Default: ${DEFAULT-VALUE}.")
    long intervalMillis;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of /health and /metrics; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long a claim on a file lasts without renewal; a dead instance's files are taken"
                    + " up after this. Default: ${DEFAULT-VALUE}.")
    long leaseSeconds;

    @Option(names = "--looks", paramLabel = "N",
            description = "Stop after this many looks (default: run until stopped).")
    Integer looks;

    @Option(names = "--stop-when-idle", paramLabel = "N",
            description = "Stop once N looks in a row found nothing to import (and no ControlShift file or batch"
                    + " is on its way): for batch runs (cron, CI) that should drain a queue or folder and exit.")
    Integer idleLooks;

    ServeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException, IOException, SQLException {
        Pipelines pipelines = PipelineSettings.load(config, console);
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Drain drain = new Drain();
        ServeMetrics metrics = new ServeMetrics();
        try (JdbcLedger ledger = Ledgers.open(console, pipelines.state(), pipelines.ledgerUrl());
             ServeSetup setup = ServeSetup.of(pipelines, this::awsSettings, metrics, console.err()::println);
             ServeWorker worker = setup.worker(ledger, owner, Duration.ofSeconds(leaseSeconds),
                     (arrival, rejects) -> importFile(arrival, rejects, drain, metrics), metrics,
                     console.out()::println);
             ControlShiftIntake controlShift = pipelines.controlShift() == null ? null
                     : ControlShiftIntake.start(pipelines.controlShift(), Duration.ofMillis(intervalMillis),
                             ImportCommand.DRAIN_TIMEOUT, metrics, console.err()::println)) {
            List<Poller> pollers = new ArrayList<>(setup.pollers());
            if (controlShift != null) {
                pollers.add(controlShift);
            }
            ServeLoop loop = new ServeLoop(setup.watched(Duration.ofMillis(intervalMillis)), pollers, worker, drain,
                    Duration.ofMillis(intervalMillis), console.out()::println);
            Map<String, HttpHandler> routes = controlShift == null ? Map.of()
                    : Map.of(ControlShiftIntake.PATH, controlShift.webhook());
            try (ServiceEndpoints http = new ServiceEndpoints(new InetSocketAddress(bind, port),
                    () -> health(drain, loop, setup), metrics, routes)) {
                setup.describe().forEach(line -> console.out().println("watching " + line));
                if (controlShift != null) {
                    console.out().println("ControlShift webhooks: POST " + ControlShiftIntake.PATH + " (loading into schema "
                            + controlShift.schema() + ")");
                }
                console.out().println("listening on http://" + bind + ":" + http.port() + " (/health, /metrics"
                        + (controlShift == null ? "" : ", " + ControlShiftIntake.PATH) + ")"
                        + "; ledger " + ledger.where() + "; instance " + owner);
                runUntilStopped(loop, drain, controlShift);
            }
            console.out().println(worker.tally().summary());
            return worker.tally().exitCode();
        }
    }

    /** Runs the loop; SIGTERM or Ctrl-C drains it, and the JVM exits once it has stopped. */
    private void runUntilStopped(ServeLoop loop, Drain drain, ControlShiftIntake controlShift) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            console.out().println("stopping: draining the running import");
            drain.stop();
            try {
                finished.await(ImportCommand.DRAIN_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sluice-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String ended = "stopped";
        try {
            ended = loop.run(looks, idleLooks);
        } finally {
            if (controlShift != null) {
                // before the hook lets the JVM exit: the worker's running load commits or rolls back first
                controlShift.close();
            }
            console.out().println(ended);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for this
            }
        }
    }

    private int importFile(Arrival arrival, Path rejects, Drain drain, ServeMetrics metrics) {
        List<String> args = new ArrayList<>(List.of("import", arrival.location(), "--pipeline", arrival.pipeline().name(),
                "--config", config.toString(), "--rejects", rejects.toString()));
        if (arrival.version() != null) {
            args.addAll(List.of("--version-id", arrival.version()));
        }
        return Main.run(console, drain.watch(metrics, arrival.pipeline().name()), args.toArray(String[]::new));
    }

    private AwsClientSettings awsSettings(String service) {
        return AwsClients.settings(console.env(), service, null, null);
    }

    private ServiceEndpoints.Health health(Drain drain, ServeLoop loop, ServeSetup setup) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", drain.stopping() ? "draining" : "serving");
        doc.put("sources", setup.describe());
        doc.put("lastLook", loop.lastLook() == null ? null : loop.lastLook().toString());
        doc.put("importing", loop.current());
        try {
            return new ServiceEndpoints.Health(!drain.stopping(), JSON.writeValueAsString(doc));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
