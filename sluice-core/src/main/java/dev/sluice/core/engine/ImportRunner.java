package dev.sluice.core.engine;

import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRow;
import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobKey;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.Ledger;
import dev.sluice.core.ledger.NewJob;
import dev.sluice.core.record.Header;
import dev.sluice.core.record.HeaderException;
import dev.sluice.core.record.Record;
import dev.sluice.core.rejects.RejectedRow;
import dev.sluice.core.rejects.RejectsFile;
import dev.sluice.core.source.SourceObject;
import dev.sluice.core.typing.TypingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one import: reader → typing → transform → batches → sink → committer. The calling thread
 * reads and dispatches; the sink answers asynchronously; a committer thread moves the watermark and
 * saves checkpoints. One instance runs one job once.
 */
public final class ImportRunner<T extends SinkItem> {
    /** Rows rejected or skipped in a row before their segment is committed on its own. */
    private static final int MAX_UNSENT_ROWS_PER_SEGMENT = 1000;

    private final ImportJob<T> job;
    private final Ledger ledger;
    private final Sink<T> sink;
    private final JobProgress progress = new JobProgress();
    private final InFlightWindow window;
    private volatile String stopReason;
    private volatile Throwable sinkFailure;

    public ImportRunner(ImportJob<T> job, Ledger ledger, Sink<T> sink) {
        this.job = job;
        this.ledger = ledger;
        this.sink = sink;
        this.window = new InFlightWindow(sink.maxInFlight());
    }

    public JobProgress progress() {
        return progress;
    }

    /** Asks a running job to stop reading, drain what is in flight and save its checkpoint. */
    public void requestStop(String reason) {
        stopReason = reason;
    }

    public JobResult run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        SourceObject source = job.source();
        String key = JobKey.of(source.uri(), source.version(), job.destination());
        Optional<JobRecord> previous = ledger.latest(key);
        if (previous.isPresent() && previous.get().status() == JobStatus.COMPLETED && !job.force()) {
            return alreadyImported(previous.get(), started);
        }
        StartPoint start;
        try {
            start = startPoint(previous);
        } catch (InvalidStartException e) {
            return invalid(e.getMessage(), started);
        }
        try (InputStream in = source.open(start.offset());
             CsvReader reader = openReader(in, start)) {
            Header header = reader.header();
            if (header == null) {
                return noRows(key, start, started);
            }
            PreparedTransform<T> prepared;
            try {
                checkManualHeader(header, start);
                prepared = job.transforms().prepare(header);
            } catch (HeaderException | InvalidStartException e) {
                return invalid(source.name() + ": " + e.getMessage(), started);
            }
            return new Run(key, start, header, prepared, reader, started).execute();
        } catch (HeaderException e) {
            return invalid(e.getMessage(), started);
        }
    }

    private StartPoint startPoint(Optional<JobRecord> previous) throws IOException {
        if (job.manualStart() != null) {
            return StartPoint.manual(job.source(), job.manualStart());
        }
        if (previous.isPresent() && previous.get().status().resumable() && previous.get().header() != null) {
            return StartPoint.resume(previous.get());
        }
        return StartPoint.beginning();
    }

    private CsvReader openReader(InputStream in, StartPoint start) throws IOException {
        String name = job.source().name();
        if (start.offset() == 0) {
            return CsvReader.atStart(in, name, job.csv());
        }
        Checkpoint cp = start.checkpoint();
        return CsvReader.resume(in, name, job.csv(), Header.of(start.header()), cp.offset(), cp.line());
    }

    private static void checkManualHeader(Header fileHeader, StartPoint start) {
        if (start.offset() == 0 && start.header() != null && !fileHeader.names().equals(start.header())) {
            throw new InvalidStartException("the file's header (" + fileHeader + ") differs from --headers ("
                    + String.join(",", start.header()) + ")");
        }
    }

    private JobResult alreadyImported(JobRecord done, long started) {
        Counts c = done.checkpoint().counts();
        String message = job.source().name() + " was already imported to this destination (job " + done.id()
                + ", " + done.updatedAt() + ": " + c.read() + " rows, " + c.accepted() + " accepted). "
                + "Nothing was sent; use --force to send it again.";
        return new JobResult(JobResult.Status.ALREADY_IMPORTED, Counts.ZERO, done.checkpoint().offset(), null,
                elapsed(started), message, false);
    }

    private JobResult invalid(String message, long started) {
        return new JobResult(JobResult.Status.INVALID, Counts.ZERO, 0, null, elapsed(started), message, false);
    }

    private JobResult noRows(String key, StartPoint start, long started) {
        SourceObject source = job.source();
        JobRecord record = ledger.start(new NewJob(key, source.uri(), source.version(), job.destination(), null,
                start.checkpoint(), null));
        ledger.finish(record.id(), JobStatus.COMPLETED, start.checkpoint(), null);
        return new JobResult(JobResult.Status.COMPLETED, start.checkpoint().counts(), start.offset(), null,
                elapsed(started), "no rows", false);
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private boolean stopping() {
        return stopReason != null || sinkFailure != null;
    }

    /** The state of one execution, from the opened reader to the final ledger entry. */
    private final class Run {
        private final String key;
        private final StartPoint start;
        private final Header header;
        private final PreparedTransform<T> prepared;
        private final CsvReader reader;
        private final long started;
        private final SinkLimits limits = sink.limits();
        private long segments;
        private Segment<T> current = new Segment<>(0);
        private String readFailure;

        Run(String key, StartPoint start, Header header, PreparedTransform<T> prepared, CsvReader reader,
                long started) {
            this.key = key;
            this.start = start;
            this.header = header;
            this.prepared = prepared;
            this.reader = reader;
            this.started = started;
        }

        JobResult execute() throws IOException, InterruptedException {
            JobRecord record = openJob();
            Checkpoint checkpoint = start.checkpoint();
            try (RejectsFile rejects = RejectsFile.resume(job.rejectsFile(), checkpoint.rejectsLength())) {
                progress.start(checkpoint.counts().read(), checkpoint.offset(), totalBytes());
                Committer<T> committer = new Committer<>(ledger, record.id(), checkpoint, rejects, progress,
                        sink::stats, window::checkpointed);
                Thread committerThread = new Thread(committer, "sluice-committer");
                committerThread.start();
                boolean endOfFile = readAll(committer, checkpoint.counts().read()) && dispatchLast(committer);
                awaitCommitted(committer);
                committerThread.join();
                window.awaitAnswered(System.nanoTime() + job.drainTimeout().toNanos());
                return conclude(record, committer, endOfFile, rejects);
            }
        }

        private JobRecord openJob() {
            if (start.resumed() != null) {
                ledger.resume(start.resumed().id());
                return start.resumed();
            }
            SourceObject source = job.source();
            return ledger.start(new NewJob(key, source.uri(), source.version(), job.destination(), header.names(),
                    start.checkpoint(), job.rejectsFile().toString()));
        }

        private long totalBytes() {
            return job.source().compressed() ? -1 : job.source().size();
        }

        /** Reads until the end of the file or a stop; returns true at the end of the file. */
        private boolean readAll(Committer<T> committer, long rowsBefore) throws InterruptedException {
            long rows = rowsBefore;
            try {
                CsvRow row;
                while (!stopping() && (row = reader.next()) != null) {
                    rows++;
                    if (!take(row, committer)) {
                        return false;
                    }
                    progress.read(rows, row.position().endOffset());
                }
                return !stopping();
            } catch (IOException e) {
                readFailure = e.getMessage();
                return false;
            }
        }

        /** Adds a row to the current segment, first sending the segment if the row does not fit. */
        private boolean take(CsvRow row, Committer<T> committer) throws InterruptedException {
            TransformResult<T> result = transform(row);
            if (result instanceof TransformResult.Emit<T> emit && emit.item().sizeBytes() > limits.maxItemBytes()) {
                result = TransformResult.reject(null, "the row is " + emit.item().sizeBytes()
                        + " bytes encoded, more than one request may carry (" + limits.maxItemBytes() + ")");
            }
            boolean full = result instanceof TransformResult.Emit<T> emit && !current.fits(emit.item(), limits);
            if (full || current.unsentRows() >= MAX_UNSENT_ROWS_PER_SEGMENT) {
                current.endOffset = row.position().startOffset();
                current.endLine = row.position().line();
                if (!dispatch(current, committer)) {
                    return false;
                }
                current = new Segment<>(++segments);
            }
            add(row, result);
            return true;
        }

        private TransformResult<T> transform(CsvRow row) {
            if (row.malformed()) {
                return TransformResult.reject(null, row.syntaxError());
            }
            if (row.fields().length != header.size()) {
                return TransformResult.reject(null, "the row has " + row.fields().length + " fields, the header has "
                        + header.size());
            }
            try {
                Record record = prepared.typer().type(row.fields(), row.position());
                return prepared.transform().apply(record);
            } catch (TypingException e) {
                return TransformResult.reject(e.column(), e.reason());
            }
        }

        private void add(CsvRow row, TransformResult<T> result) {
            long line = row.position().line();
            if (result instanceof TransformResult.Emit<T> emit) {
                current.addItem(emit.item(), line, row.raw());
            } else if (result instanceof TransformResult.Reject<T> reject) {
                current.addRejected(new RejectedRow(line, reject.rejection().column(), reject.rejection().reason(),
                        row.rawText()));
            } else {
                current.addSkipped();
            }
        }

        /** Sends the last, partly filled segment and tells the committer that no more will come. */
        private boolean dispatchLast(Committer<T> committer) throws InterruptedException {
            current.endOffset = reader.offset();
            current.endLine = reader.line();
            if (!current.isEmpty()) {
                if (!dispatch(current, committer)) {
                    return false;
                }
                segments++;
            }
            committer.endOfInput(segments);
            return true;
        }

        /**
         * Waits for the committer to apply every segment. A stop (a signal, a sink failure) bounds the
         * wait: what is in flight gets the drain timeout to finish, then the committer stops where it is.
         */
        private void awaitCommitted(Committer<T> committer) throws InterruptedException {
            while (!committer.awaitDone(100)) {
                if (stopping()) {
                    window.awaitAnswered(System.nanoTime() + job.drainTimeout().toNanos());
                    committer.stopNow();
                    committer.awaitDone(Long.MAX_VALUE / 2);
                    return;
                }
            }
        }

        private boolean dispatch(Segment<T> segment, Committer<T> committer) throws InterruptedException {
            if (segment.items.isEmpty()) {
                committer.finished(segment, List.of(), null);
                return true;
            }
            List<String> keys = segment.keys();
            if (!window.admit(keys, ImportRunner.this::stopping)) {
                return false;
            }
            CompletableFuture<List<Outcome>> written;
            try {
                written = sink.write(List.copyOf(segment.items));
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
            written.whenComplete((outcomes, error) -> {
                Throwable cause = unwrap(error);
                if (cause != null && sinkFailure == null) {
                    sinkFailure = cause;
                }
                committer.finished(segment, outcomes, cause);
                window.answered(keys);
            });
            return true;
        }

        private JobResult conclude(JobRecord record, Committer<T> committer, boolean endOfFile, RejectsFile rejects) {
            Checkpoint cp = withFinalStats(committer.checkpoint());
            Throwable failure = committer.failure() != null ? committer.failure() : sinkFailure;
            boolean completed = endOfFile && failure == null && readFailure == null && committer.appliedAll();
            String message = completed ? (cp.counts().read() == 0 ? "no rows" : null) : stopMessage(failure);
            ledger.finish(record.id(), completed ? JobStatus.COMPLETED : JobStatus.STOPPED, cp, message);
            JobResult.Status status = completed ? JobResult.Status.COMPLETED : JobResult.Status.STOPPED;
            return new JobResult(status, cp.counts(), cp.offset(), rejects.exists() ? rejects.path() : null,
                    elapsed(started), message, start.resumed() != null);
        }

        private Checkpoint withFinalStats(Checkpoint cp) {
            Counts before = start.checkpoint().counts();
            SinkStats stats = sink.stats();
            Counts c = cp.counts();
            Counts counts = new Counts(c.read(), c.accepted(), c.rejected(), c.skipped(),
                    before.requests() + stats.requests(), before.retries() + stats.retries());
            return new Checkpoint(cp.offset(), cp.line(), counts, cp.rejectsLength());
        }

        private String stopMessage(Throwable failure) {
            if (readFailure != null) {
                return readFailure;
            }
            if (failure != null) {
                return failure.getMessage() == null ? failure.toString() : failure.getMessage();
            }
            return stopReason;
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
