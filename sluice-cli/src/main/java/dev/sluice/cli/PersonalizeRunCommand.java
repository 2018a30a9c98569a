package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.AwsClients;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.core.rate.RateLimit;
import dev.sluice.personalize.braze.BrazeDelivery;
import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.job.JobConfigException;
import dev.sluice.personalize.job.JobFolder;
import dev.sluice.personalize.queue.OutputEnqueuer;
import dev.sluice.personalize.queue.QueueDelivery;
import dev.sluice.personalize.run.ConnectorReport;
import dev.sluice.personalize.run.Delivery;
import dev.sluice.personalize.run.JobReport;
import dev.sluice.personalize.run.PersonalizeJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a connector job: read the batch inference output, split off errors, join with the"
                + " user-item mapping (related_items), decorate with item metadata, keep the rows that changed since"
                + " the last successful run, write them as JSON Lines under output/<connector>/year=/month=/day=/time=/,"
                + " and hand the braze connector's rows to a queue (--queue-url) or straight to Braze.",
                "",
                "The job folder (local or s3://bucket/etl_jobs/<job_type>/<job_name>/) holds config.json in the format"
                        + " of aws-samples/amazon-personalize-connectors and its input/ folders.",
                "Braze: BRAZE_API_URL and BRAZE_API_KEY; unset, a built-in sandbox. AWS (S3, SQS): the usual"
                        + " AWS_* variables."})
final class PersonalizeRunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Console console;

    @Option(names = "--job", required = true, paramLabel = "PATH",
            description = "The job folder: a local path or s3://bucket/etl_jobs/<job_type>/<job_name>/.")
    String job;

    @Option(names = "--queue-url", paramLabel = "URL",
            description = "Put the braze connector's rows on this SQS queue (a consumer sends them to Braze)"
                    + " instead of sending them from this run.")
    String queueUrl;

    @Option(names = "--no-send", description = "Write the output files and the state only; send nothing.")
    boolean noSend;

    @Option(names = "--attribute-shape", paramLabel = "objects|arrays", defaultValue = "objects",
            description = "Braze attributes for rows whose config sets no attributeShape: objects"
                    + " (<prefix>recommendations: [{...}]) or arrays (the seed's one array per field). Default: ${DEFAULT-VALUE}.")
    String attributeShape;

    @Option(names = "--rate-limit", paramLabel = "N/PERIOD", defaultValue = "3000/3s",
            description = "The Braze workspace's request budget. Default: ${DEFAULT-VALUE}.")
    String rateLimit;

    @Option(names = "--concurrency", paramLabel = "N", description = "Braze requests in flight (default: "
            + BrazeConfig.DEFAULT_CONCURRENCY + ").")
    Integer concurrency;

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "The run's time, e.g. 2022-06-06T11:58:19Z (default: now); it names the output folders.")
    String now;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: the cores).")
    Integer threads;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    PersonalizeRunCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Instant at = instant();
        AttributeShape shape = AttributeShape.parse(attributeShape);
        PersonalizeJob.Options defaults = PersonalizeJob.Options.defaults(at, console::warn);
        PersonalizeJob.Options options = new PersonalizeJob.Options(defaults.stamp(),
                threads == null ? defaults.threads() : Math.max(1, threads), defaults.blockBytes(), defaults.partBytes(),
                console::warn);
        try (AwsResources aws = new AwsResources(console)) {
            Folder folder = job.startsWith("s3://") ? Folder.s3(aws.s3(), job) : Folder.local(Path.of(job));
            JobFolder jobFolder = JobFolder.load(folder, uri -> Folder.s3(aws.s3(), uri));
            JobReport report;
            if (noSend) {
                report = PersonalizeJob.run(jobFolder, options, Delivery.NONE);
            } else if (queueUrl != null) {
                report = PersonalizeJob.run(jobFolder, options, new QueueDelivery(new OutputEnqueuer(aws.sqs(), queueUrl),
                        queueUrl));
            } else {
                report = runToBraze(jobFolder, options, shape);
            }
            print(report);
            return report.rejected() > 0 ? ExitCode.REJECTED_ROWS : ExitCode.OK;
        } catch (JobConfigException e) {
            console.err().println("sluice: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (SinkStoppedException | IOException | UncheckedIOException e) {
            console.err().println("sluice: the run stopped: " + e.getMessage()
                    + " Output files already written stay; the state was not replaced, so the next run sends these"
                    + " changes again.");
            return ExitCode.STOPPED;
        }
    }

    private JobReport runToBraze(JobFolder jobFolder, PersonalizeJob.Options options, AttributeShape shape)
            throws IOException {
        try (BrazeTarget target = BrazeTarget.resolve(console, !json)) {
            BrazeConfig defaults = BrazeConfig.defaults(target.url(), target.apiKey());
            BrazeConfig config = defaults.withRateLimit(RateLimit.parse(rateLimit))
                    .withConcurrency(concurrency == null ? defaults.concurrency() : concurrency);
            try (BrazeSink sink = BrazeSink.open(config)) {
                return PersonalizeJob.run(jobFolder, options, new BrazeDelivery(sink, shape, target.describe()));
            }
        }
    }

    private Instant instant() {
        if (now == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(now);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--now must be an instant like 2022-06-06T11:58:19Z, not " + now);
        }
    }

    private void print(JobReport r) {
        if (json) {
            console.out().println(toJson(r));
            return;
        }
        StringBuilder t = new StringBuilder("Ran " + r.jobType() + " job " + r.job() + " at " + r.runDateTime() + ".\n");
        line(t, "lines read", Summary.number(r.linesRead()) + " in " + r.batchFiles() + " file(s): "
                + Summary.number(r.queryLines()) + " with recommendations, " + Summary.number(r.errorLines())
                + " errors" + (r.errorFiles().isEmpty() ? "" : " → " + r.errorFiles()) + ", "
                + Summary.number(r.badLines()) + " unreadable");
        if (!"user_personalization".equals(r.jobType()) && !"personalized_ranking".equals(r.jobType())) {
            line(t, "joined", Summary.number(r.joinedRows()) + " rows (" + Summary.number(r.unmatchedItems())
                    + " items without users, " + Summary.number(r.unmatchedMappings()) + " mapped items not in the output)");
        }
        for (ConnectorReport c : r.connectors()) {
            line(t, c.name(), Summary.number(c.decorated()) + " decorated, " + Summary.number(c.changed()) + " changed, "
                    + Summary.number(c.unchanged()) + " unchanged" + (c.deltaCheck() ? "" : " (delta check off)") + ", "
                    + Summary.number(c.duplicates()) + " duplicates");
            if (c.delivery().destination() != null) {
                line(t, "", Summary.number(c.delivery().sent()) + " sent to " + c.delivery().destination() + ", "
                        + Summary.number(c.delivery().skipped()) + " skipped (no recommendations), "
                        + Summary.number(c.delivery().rejected()) + " rejected, " + Summary.number(c.delivery().requests())
                        + " requests (" + Summary.number(c.delivery().retries()) + " retried)");
            }
            c.parts().forEach(p -> line(t, "", "→ " + r.job() + p));
        }
        line(t, "rejected", Summary.number(r.rejected()) + (r.rejectFiles().isEmpty() ? "" : " → " + r.rejectFiles()));
        line(t, "duration", String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0));
        console.out().print(t);
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-11s %s%n", label, value));
    }

    private static String toJson(JobReport r) {
        ObjectNode node = JSON.createObjectNode()
                .put("status", "completed")
                .put("job", r.job())
                .put("job_type", r.jobType())
                .put("run_date_time", r.runDateTime())
                .put("batch_files", r.batchFiles())
                .put("lines_read", r.linesRead())
                .put("query_lines", r.queryLines())
                .put("error_lines", r.errorLines())
                .put("bad_lines", r.badLines())
                .put("unmatched_items", r.unmatchedItems())
                .put("unmatched_mappings", r.unmatchedMappings())
                .put("joined_rows", r.joinedRows())
                .put("rejected", r.rejected())
                .put("duration_ms", r.duration().toMillis())
                .put("peak_heap_bytes", Summary.peakHeapBytes());
        r.errorFiles().forEach(node.putArray("error_files")::add);
        r.rejectFiles().forEach(node.putArray("reject_files")::add);
        ArrayNode connectors = node.putArray("connectors");
        for (ConnectorReport c : r.connectors()) {
            ObjectNode o = connectors.addObject()
                    .put("name", c.name())
                    .put("decorated", c.decorated())
                    .put("duplicates", c.duplicates())
                    .put("unchanged", c.unchanged())
                    .put("changed", c.changed())
                    .put("delta_check", c.deltaCheck())
                    .put("destination", c.delivery().destination())
                    .put("sent", c.delivery().sent())
                    .put("skipped", c.delivery().skipped())
                    .put("rejected", c.delivery().rejected())
                    .put("requests", c.delivery().requests())
                    .put("retries", c.delivery().retries())
                    .put("state_replaced", c.stateReplaced());
            c.parts().forEach(o.putArray("output_files")::add);
        }
        return node.toString();
    }

    /** The AWS clients a run needs, made on first use from the environment and closed at the end. */
    private static final class AwsResources implements AutoCloseable {
        private final Console console;
        private S3Client s3;
        private SqsClient sqs;

        AwsResources(Console console) {
            this.console = console;
        }

        S3Client s3() {
            if (s3 == null) {
                AwsClientSettings settings = AwsClients.settings(console.env(), "S3", null, null);
                s3 = AwsClients.s3(settings, settings.endpoint() != null);
            }
            return s3;
        }

        SqsClient sqs() {
            if (sqs == null) {
                sqs = AwsClients.sqs(AwsClients.settings(console.env(), "SQS", null, null));
            }
            return sqs;
        }

        @Override
        public void close() {
            if (s3 != null) {
                s3.close();
            }
            if (sqs != null) {
                sqs.close();
            }
        }
    }
}
