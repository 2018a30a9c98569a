package dev.sluice.lambda.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.aws.s3.S3Location;
import dev.sluice.aws.s3.S3Source;
import dev.sluice.braze.BrazeDestination;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.engine.ImportJob;
import dev.sluice.core.engine.ImportRunner;
import dev.sluice.core.engine.JobResult;
import dev.sluice.core.engine.ManualStart;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobKey;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.LedgerException;
import dev.sluice.lambda.config.LambdaSettings;
import dev.sluice.lambda.continuation.Continuations;
import dev.sluice.lambda.continuation.Continuations.ContinuationException;
import dev.sluice.lambda.continuation.FileEvent;
import dev.sluice.lambda.continuation.TimeBudget;
import dev.sluice.lambda.ledger.DynamoLedger;
import dev.sluice.lambda.ledger.JobLeases;
import dev.sluice.lambda.notify.FileNotification;
import dev.sluice.lambda.notify.Notifier;
import dev.sluice.lambda.rejects.RejectsMirroringLedger;
import dev.sluice.lambda.rejects.S3Rejects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Imports one file of an S3 event into Braze within one invocation's time budget, and decides what
 * comes next: the success notification, a continuation event for a new invocation, or (after a fatal
 * error) the logged continuation event and the failure notification.
 *
 * <p>Where to start: the ledger's checkpoint when the file has an interrupted job (it is never behind
 * what was sent, so a duplicate or stale event cannot send rows twice); else the event's
 * {@code offset} and {@code headers} (a person replaying a logged event into a fresh ledger); else the
 * beginning. A completed file is not imported again.
 */
public final class FileImporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUDGET_SPENT = "the invocation's time budget is spent";
    private static final Duration REJECTS_UPLOAD_INTERVAL = Duration.ofSeconds(5);
    /** A lease outlives its holder's deadline by this much, for the final writes after a stop. */
    private static final Duration LEASE_SLACK = Duration.ofSeconds(10);

    private final LambdaSettings settings;
    private final BrazeConfig braze;
    private final Supplier<S3Client> s3;
    private final DynamoLedger ledger;
    private final JobLeases leases;
    private final Continuations continuations;
    private final Notifier notifier;
    private final Path workDir;

    public FileImporter(LambdaSettings settings, BrazeConfig braze, Supplier<S3Client> s3, DynamoLedger ledger,
            JobLeases leases, Continuations continuations, Notifier notifier, Path workDir) {
        this.settings = settings;
        this.braze = braze;
        this.s3 = s3;
        this.ledger = ledger;
        this.leases = leases;
        this.continuations = continuations;
        this.notifier = notifier;
        this.workDir = workDir;
    }

    /** Whether a file can still be started in this invocation: more than twice the stop margin left. */
    public boolean hasTimeFor(Invocation invocation) {
        return invocation.context().getRemainingTimeInMillis() > 2 * settings.stopMargin().toMillis();
    }

    /** Gives a file not started here to a new invocation, with its event as it came. */
    public FileOutcome handOff(FileEvent file, Invocation invocation) {
        try {
            continuations.invoke(invocation.continueFunction(), file.event());
        } catch (ContinuationException e) {
            return fail(file, file.event(), Counts.ZERO, e.getMessage(), invocation);
        }
        invocation.log("Not enough time left to start " + file.uri() + "; handed to a new invocation");
        return new FileOutcome.Continued(file.event());
    }

    public FileOutcome importFile(FileEvent file, Invocation invocation) {
        if (file.key().startsWith(settings.rejectsPrefix())) {
            invocation.log("Skipping " + file.uri() + ": it is under REJECTS_PREFIX " + settings.rejectsPrefix());
            return new FileOutcome.Skipped("a rejects file");
        }
        invocation.log("Processing " + file.uri() + (file.offset() == null ? "" : " from offset " + file.offset()));
        S3Source source;
        try {
            source = S3Source.open(s3.get(), new S3Location(file.bucket(), file.key()), file.versionId());
        } catch (IOException | RuntimeException e) {
            return fail(file, eventAsGiven(file), Counts.ZERO, "cannot read " + file.uri() + ": " + e.getMessage(),
                    invocation);
        }
        if (replaced(file, source)) {
            invocation.log("Skipping " + file.uri() + ": it was replaced after the event (ETag " + file.eTag()
                    + ", now " + source.etag() + "); the new version has an event of its own");
            return new FileOutcome.Skipped("replaced");
        }
        String jobKey = JobKey.of(source.uri(), source.version(), braze.destinationId());
        String owner = invocation.context().getAwsRequestId();
        Instant until = Instant.now().plusMillis(invocation.context().getRemainingTimeInMillis()).plus(LEASE_SLACK);
        Run run;
        try {
            if (!leases.acquire(jobKey, owner, until)) {
                invocation.log("Another invocation is importing " + file.uri() + " (job " + jobKey + "); leaving it");
                return new FileOutcome.Busy(jobKey);
            }
            try {
                run = run(file, source, jobKey, invocation);
            } finally {
                leases.release(jobKey, owner);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Optional<JobRecord> job = latest(jobKey);
            return fail(file, continuation(file, job), job.map(j -> j.checkpoint().counts()).orElse(Counts.ZERO),
                    describe(e), invocation);
        }
        return conclude(file, jobKey, run, invocation);
    }

    /** One run of the engine and whether it stopped because the time budget ran out. */
    private record Run(JobResult result, boolean budgetSpent, long startOffset) { }

    private Run run(FileEvent file, S3Source source, String jobKey, Invocation invocation)
            throws IOException, InterruptedException {
        Optional<JobRecord> latest = ledger.latest(jobKey);
        boolean completed = latest.isPresent() && latest.get().status() == JobStatus.COMPLETED;
        boolean resuming = latest.isPresent() && latest.get().status().resumable() && latest.get().header() != null;
        ManualStart manual = null;
        long startOffset = 0;
        if (resuming) {
            startOffset = latest.get().checkpoint().offset();
            if (file.offset() != null && file.offset() != startOffset) {
                invocation.log("The ledger's checkpoint (offset " + startOffset + ") wins over the event's offset "
                        + file.offset() + ": rows before it were sent already");
            }
        } else if (!completed && file.offset() != null && (file.offset() > 0 || file.headers() != null)) {
            if (file.headers() == null) {
                throw new IllegalArgumentException("the event's \"offset\" " + file.offset()
                        + " needs \"headers\": the file's column names");
            }
            manual = new ManualStart(file.offset(), file.headers());
            startOffset = file.offset();
        }
        Files.createDirectories(workDir);
        Path localRejects = workDir.resolve(jobKey + ".rejects.csv");
        S3Rejects remote = new S3Rejects(s3.get(), file.bucket(), S3Rejects.keyFor(settings.rejectsPrefix(), file.key()));
        long remoteLength = completed ? 0 : prepareRejects(remote, localRejects, resuming ? latest.get() : null);
        ImportJob<BrazeObject> job = new ImportJob<>(source, CsvOptions.DEFAULT, braze.destinationId(),
                BrazeDestination.transforms(settings.importOptions(), invocation::log), localRejects, false, manual,
                settings.drainTimeout());
        RejectsMirroringLedger jobLedger = new RejectsMirroringLedger(ledger, remote, localRejects, remoteLength,
                REJECTS_UPLOAD_INTERVAL);
        try (BrazeSink sink = BrazeSink.open(braze)) {
            ImportRunner<BrazeObject> runner = new ImportRunner<>(job, jobLedger, sink);
            try (TimeBudget budget = TimeBudget.watch(invocation.context(), settings.stopMargin(),
                    () -> runner.requestStop(BUDGET_SPENT))) {
                JobResult result = runner.run();
                return new Run(result, budget.spent() && BUDGET_SPENT.equals(result.message()), startOffset);
            }
        } finally {
            Files.deleteIfExists(localRejects);
        }
    }

    /**
     * Brings the rejects of an interrupted job from S3 to /tmp (at least as long as its checkpoint
     * says: the mirroring ledger uploads before it saves), or, for a new job, removes the rejects of
     * an earlier version of the file. Returns the S3 object's length.
     */
    private static long prepareRejects(S3Rejects remote, Path local, JobRecord resumed) throws IOException {
        long expected = resumed == null ? 0 : resumed.checkpoint().rejectsLength();
        if (expected == 0) {
            remote.delete();
            return 0;
        }
        long length = remote.download(local);
        if (length < expected) {
            throw new IOException(remote.uri() + " has " + length + " bytes but the checkpoint counts " + expected
                    + ": rejected rows would be lost, so the import does not go on");
        }
        return length;
    }

    private FileOutcome conclude(FileEvent file, String jobKey, Run run, Invocation invocation) {
        JobResult result = run.result();
        Counts counts = result.counts();
        String rejects = counts.rejected() > 0 ? rejectsUri(file) : null;
        switch (result.status()) {
            case COMPLETED -> {
                invocation.log("File " + file.uri() + " import is complete: " + counts.read() + " rows, "
                        + counts.accepted() + " accepted, " + counts.rejected() + " rejected"
                        + (rejects == null ? "" : " (in " + rejects + ")") + ", " + counts.skipped() + " skipped");
                publish(new FileNotification(file.bucket(), file.key(), true, counts, rejects, null, null), invocation);
                return new FileOutcome.Completed(counts);
            }
            case ALREADY_IMPORTED -> {
                invocation.log(result.message());
                return new FileOutcome.Skipped("already imported");
            }
            default -> {
                Optional<JobRecord> job = latest(jobKey);
                ObjectNode next = continuation(file, job);
                if (!run.budgetSpent()) {
                    return fail(file, next, counts, result.message(), invocation);
                }
                long offset = job.map(j -> j.checkpoint().offset()).orElse(run.startOffset());
                if (offset <= run.startOffset()) {
                    return fail(file, next, counts, "no progress within the invocation's time budget (still at offset "
                            + offset + "): raise the function's timeout or lower STOP_MARGIN_SECONDS", invocation);
                }
                try {
                    continuations.invoke(invocation.continueFunction(), next);
                } catch (ContinuationException e) {
                    return fail(file, next, counts, e.getMessage(), invocation);
                }
                invocation.log("Processed " + counts.accepted() + " users so far (" + counts.read() + " rows, offset "
                        + offset + "). Starting new user processing lambda..");
                return new FileOutcome.Continued(next);
            }
        }
    }

    /** The seed's fatal-error log: the error, the users processed, and the event that resumes the file. */
    private FileOutcome fail(FileEvent file, ObjectNode continuation, Counts counts, String message,
            Invocation invocation) {
        invocation.log("Encountered error: \"" + message + "\"");
        invocation.log("Processed " + counts.accepted() + " users");
        invocation.log("Use the event below to continue processing the file:");
        invocation.log(json(continuation));
        if (invocation.finalAttempt()) {
            publish(new FileNotification(file.bucket(), file.key(), false, counts,
                    counts.rejected() > 0 ? rejectsUri(file) : null, message, continuation), invocation);
        }
        return new FileOutcome.Failed(message, continuation);
    }

    private void publish(FileNotification notification, Invocation invocation) {
        String problem = notifier.publish(notification);
        if (problem != null) {
            invocation.log("WARNING: " + problem);
        }
    }

    /** The event that resumes the file: at the job's checkpoint, or as the event was given. */
    private static ObjectNode continuation(FileEvent file, Optional<JobRecord> job) {
        if (job.isPresent() && job.get().header() != null && job.get().status() != JobStatus.COMPLETED) {
            return file.continuation(job.get().checkpoint().offset(), job.get().header());
        }
        return eventAsGiven(file);
    }

    private static ObjectNode eventAsGiven(FileEvent file) {
        return file.offset() == null ? file.event() : file.continuation(file.offset(), file.headers());
    }

    private Optional<JobRecord> latest(String jobKey) {
        try {
            return ledger.latest(jobKey);
        } catch (LedgerException e) {
            return Optional.empty();
        }
    }

    /** In an unversioned bucket, an event whose ETag differs from the object's is about an older content. */
    private static boolean replaced(FileEvent file, S3Source source) {
        return source.versionId() == null && file.eTag() != null && !file.eTag().equals(source.etag());
    }

    private String rejectsUri(FileEvent file) {
        return "s3://" + file.bucket() + "/" + S3Rejects.keyFor(settings.rejectsPrefix(), file.key());
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof SdkException ? "AWS: " + message : message;
    }

    private static String json(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
