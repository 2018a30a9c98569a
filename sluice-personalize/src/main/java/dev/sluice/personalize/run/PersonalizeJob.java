package dev.sluice.personalize.run;

import dev.sluice.core.source.ObjectInfo;
import dev.sluice.personalize.decorate.ItemCatalog;
import dev.sluice.personalize.delta.DeltaState;
import dev.sluice.personalize.delta.FingerprintSet;
import dev.sluice.personalize.inference.BadLineException;
import dev.sluice.personalize.inference.BatchLine;
import dev.sluice.personalize.inference.BatchLineParser;
import dev.sluice.personalize.inference.LineBlock;
import dev.sluice.personalize.inference.LineBlockReader;
import dev.sluice.personalize.job.ConnectorConfig;
import dev.sluice.personalize.job.JobConfig;
import dev.sluice.personalize.job.JobConfigException;
import dev.sluice.personalize.job.JobFolder;
import dev.sluice.personalize.join.UserItemMapping;
import dev.sluice.personalize.output.PartWriter;
import dev.sluice.personalize.output.RunStamp;
import dev.sluice.personalize.report.Reject;
import dev.sluice.personalize.report.RejectsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One run of a connector job, on this machine:
 * <ol>
 *   <li>load the user-item mapping (related_items), the item metadata and each connector's last state;</li>
 *   <li>read the batch output in blocks of whole lines; worker threads parse, split errors off, join
 *       with the mapping, decorate and fingerprint each row; the calling thread applies the blocks in
 *       file order (delta check, output files), so the output is the same whatever the thread count;</li>
 *   <li>publish the output files, hand each connector's files to its {@link Delivery}, and only then
 *       replace its state.</li>
 * </ol>
 *
 * <p>Memory: the batch output, which is what grows to millions of rows, is never held: at most
 * {@code 2 × threads + 1} blocks (1 MiB of input each, with the rows they make) are in flight. What
 * is held is bounded by other inputs: the mapping (item → users, about 100 bytes per pair), the
 * item structs of each connector (the metadata, encoded), and two fingerprint sets per connector
 * (last run's and this run's rows, 24–48 bytes per row each).
 */
public final class PersonalizeJob {
    private final JobFolder job;
    private final JobConfig config;
    private final Options options;
    private final RejectsWriter rejects;
    private final Set<String> matchedItems = ConcurrentHashMap.newKeySet();
    private UserItemMapping mapping;
    private List<ConnectorPlan> plans;
    private PartWriter errors;
    private long batchFiles;
    private long lines;
    private long queryLines;
    private long errorLines;
    private long badLines;
    private long unmatched;
    private long joined;

    /**
     * @param stamp      the run's time (UTC), which names its folders
     * @param threads    parser threads
     * @param blockBytes input per block
     * @param partBytes  an output file is closed past this size and the next begins
     * @param warnings   things a person should know (odd file names, ignored settings)
     */
    public record Options(RunStamp stamp, int threads, int blockBytes, long partBytes, Consumer<String> warnings) {
        public static Options defaults(Instant now, Consumer<String> warnings) {
            return new Options(new RunStamp(now), Runtime.getRuntime().availableProcessors(), 1 << 20,
                    256L * 1024 * 1024, warnings);
        }
    }

    private PersonalizeJob(JobFolder job, Options options) {
        this.job = job;
        this.config = job.config();
        this.options = options;
        this.rejects = new RejectsWriter(job.folder(), options.stamp().partition());
    }

    /**
     * Runs the job; output files are published even when a delivery then fails (the exception says
     * so), and that connector's state stays as it was.
     *
     * @throws JobConfigException for a missing or unusable input, before anything is written
     */
    public static JobReport run(JobFolder job, Options options, Delivery delivery) throws IOException {
        return new PersonalizeJob(job, options).run(delivery);
    }

    private JobReport run(Delivery delivery) throws IOException {
        long started = System.nanoTime();
        config.unknownKeys().forEach(k -> options.warnings().accept("config.json: unknown key " + k + " (ignored)"));
        List<ObjectInfo> files = batchFiles();
        load();
        List<ConnectorReport> reports = new ArrayList<>();
        try {
            readBatchOutput(files);
            for (ConnectorPlan plan : plans) {
                plan.finishOutput();
            }
            if (errors != null) {
                errors.close();
            }
            for (ConnectorPlan plan : plans) {
                DeliveryReport sent = delivery.deliver(plan.config, job.folder(), plan.parts(), rejects);
                plan.state.replace(plan.current(), options.stamp().compact());
                reports.add(plan.report(sent, true));
            }
        } catch (IOException | RuntimeException e) {
            for (ConnectorPlan plan : plans) {
                plan.abandonOutput();
            }
            throw e;
        } finally {
            rejects.close();
        }
        return new JobReport(job.folder().describe(), config.jobType().folder(), options.stamp().iso(), batchFiles,
                lines, queryLines, errorLines, badLines, unmatched,
                mapping == null ? 0 : mapping.items() - matchedItems.size(), joined, rejects.count(),
                errors == null ? List.of() : errors.parts(), rejects.files(), reports,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The batch output files: every non-empty object, except names starting with '_' or '.' (_CHECK, _SUCCESS). */
    private List<ObjectInfo> batchFiles() {
        List<ObjectInfo> all;
        try {
            all = job.batchOutput().list("");
        } catch (java.io.UncheckedIOException e) {
            throw new JobConfigException("batchInferencePath " + job.batchOutput().describe() + ": " + e.getMessage(), e);
        }
        List<ObjectInfo> files = new ArrayList<>();
        for (ObjectInfo o : all) {
            String name = o.key().substring(o.key().lastIndexOf('/') + 1);
            if (o.size() == 0 || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (!name.endsWith(".out") && !name.endsWith(".out.gz")) {
                options.warnings().accept(job.batchOutput().describe() + o.key()
                        + ": read as batch output although its name does not end in .out");
            }
            files.add(o);
        }
        if (files.isEmpty()) {
            throw new JobConfigException("no batch inference output in " + job.batchOutput().describe()
                    + " (batchInferencePath): expected the batch job's <input>.out file(s)");
        }
        return files;
    }

    private void load() throws IOException {
        if (!config.jobType().perUser()) {
            mapping = UserItemMapping.load(job.folder(), JobFolder.MAPPING, config.mappingUserColumn(),
                    config.mappingItemColumn(), rejects);
        }
        ItemCatalog catalog = job.folder().list(JobFolder.METADATA).isEmpty() ? ItemCatalog.none()
                : ItemCatalog.load(job.folder(), JobFolder.METADATA, config.metadataIdField(), rejects);
        if (catalog.duplicates() > 0) {
            options.warnings().accept(catalog.duplicates() + " item metadata lines repeat an id; the last one wins");
        }
        plans = new ArrayList<>();
        for (ConnectorConfig connector : config.connectors().values()) {
            if (catalog.isEmpty() && connector.itemMetadataFields() != null) {
                options.warnings().accept("connectors." + connector.name() + ".itemMetadataFields is set but there is no"
                        + " item metadata in " + job.folder().describe() + JobFolder.METADATA
                        + ": items carry their itemId only");
            }
            var decoration = catalog.decorations(connector.name(), connector.itemMetadataFields());
            boolean delta = config.deltaCheck(connector);
            DeltaState state = new DeltaState(job.folder().child(JobFolder.output(connector.name())));
            FingerprintSet previous = delta ? state.load() : new FingerprintSet(16);
            PartWriter writer = new PartWriter(job.folder(), JobFolder.output(connector.name())
                    + options.stamp().partition(), options.partBytes());
            plans.add(new ConnectorPlan(connector, decoration, delta, state, previous, writer,
                    ConnectorPlan.suffix(connector, config.jobName(), options.stamp().iso())));
        }
        if (config.saveBatchInferenceErrors()) {
            errors = new PartWriter(job.folder(), "errors/" + options.stamp().partition(), options.partBytes());
        }
    }

    private void readBatchOutput(List<ObjectInfo> files) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "sluice-personalize-worker");
            thread.setDaemon(true);
            return thread;
        });
        ArrayDeque<Future<BlockResult>> inFlight = new ArrayDeque<>();
        try {
            for (ObjectInfo file : files) {
                batchFiles++;
                String name = job.batchOutput().describe() + file.key();
                try (InputStream in = job.batchOutput().open(file.key());
                     LineBlockReader reader = new LineBlockReader(in, name, options.blockBytes())) {
                    for (LineBlock block = reader.next(); block != null; block = reader.next()) {
                        LineBlock work = block;
                        inFlight.add(pool.submit(() -> work(work)));
                        while (inFlight.size() > 2 * options.threads()) {
                            apply(await(inFlight.poll()));
                        }
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                apply(await(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static BlockResult await(Future<BlockResult> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Parses, joins and decorates one block (on a worker thread; touches no shared mutable state but the matched set). */
    private BlockResult work(LineBlock block) {
        BlockResult result = new BlockResult(plans.size());
        boolean perUser = config.jobType().perUser();
        String rowKey = config.jobType().rowKey();
        java.util.function.Predicate<String> wanted = perUser ? id -> true : mapping::contains;
        block.forEachLine((number, bytes, offset, length) -> {
            result.lines++;
            BatchLine line;
            try {
                line = BatchLineParser.parse(bytes, offset, length, wanted);
            } catch (BadLineException e) {
                result.rejects.add(new Reject(block.file(), number, e.column(), e.getMessage(), text(bytes, offset, length)));
                return;
            }
            if (line.error()) {
                result.errors++;
                if (errors != null) {
                    result.errorLines.add(Arrays.copyOfRange(bytes, offset, offset + length));
                }
                return;
            }
            String query = perUser ? line.userId() : line.itemId();
            if (query == null || query.isEmpty()) {
                result.rejects.add(new Reject(block.file(), number, 1, "no " + config.jobType().queryField()
                        + ": a " + config.jobType().folder() + " line names what it was asked about there",
                        text(bytes, offset, length)));
                return;
            }
            result.queryLines++;
            String[] users = perUser ? null : mapping.users(query);
            if (!perUser) {
                if (users.length == 0) {
                    result.unmatched++;
                    return;
                }
                matchedItems.add(query);
            }
            double[] scores = config.includeScores() ? line.scores() : null;
            for (int i = 0; i < plans.size(); i++) {
                byte[] recommendations = plans.get(i).decoration.recommendations(line.recommendedItems(), scores);
                if (perUser) {
                    result.rows[i].add(rowKey, query, null, recommendations);
                } else {
                    for (String user : users) {
                        result.rows[i].add(rowKey, query, user, recommendations);
                    }
                }
            }
            result.joined += perUser ? 1 : users.length;
        });
        return result;
    }

    private void apply(BlockResult result) throws IOException {
        lines += result.lines;
        queryLines += result.queryLines;
        errorLines += result.errors;
        badLines += result.rejects.size();
        unmatched += result.unmatched;
        joined += result.joined;
        result.rejects.forEach(rejects);
        for (byte[] line : result.errorLines) {
            errors.line(line, 0, line.length, new byte[0]);
        }
        for (int i = 0; i < plans.size(); i++) {
            plans.get(i).apply(result.rows[i]);
        }
    }

    private static String text(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
