package dev.sluice.cli.serve;

import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.AwsClients;
import dev.sluice.aws.s3.S3Store;
import dev.sluice.core.ledger.ClaimStore;
import dev.sluice.core.pipeline.PersonalizeQueue;
import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.pipeline.Pipelines;
import dev.sluice.core.pipeline.Source;
import dev.sluice.core.rejects.RejectsFile;
import dev.sluice.core.source.LocalFolderStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What {@code serve} watches, built from the pipelines file: per pipeline its source of arrivals (folder,
 * queue of S3 events, or polled bucket), where its finished files go and where rejects are written while
 * a file is imported. Holds the AWS clients it opened.
 */
public final class ServeSetup implements AutoCloseable {
    /** Long-polling wait of a queue look: short, so that one queue does not hold up the other sources. */
    private static final int QUEUE_WAIT_SECONDS = 1;

    private final Pipelines pipelines;
    private final List<ArrivalSource> sources = new ArrayList<>();
    private final List<Poller> pollers = new ArrayList<>();
    private final Map<String, Finisher> finishers = new HashMap<>();
    private final Function<String, AwsClientSettings> aws;
    private S3Client s3;
    private SqsClient sqs;

    private ServeSetup(Pipelines pipelines, Function<String, AwsClientSettings> aws) {
        this.pipelines = pipelines;
        this.aws = aws;
    }

    /** @param aws AWS settings per service name ("S3", "SQS"), from the environment */
    public static ServeSetup of(Pipelines pipelines, Function<String, AwsClientSettings> aws, ServeMetrics metrics,
            Consumer<String> log) throws IOException {
        ServeSetup setup = new ServeSetup(pipelines, aws);
        try {
            for (Pipeline pipeline : pipelines.pipelines().values()) {
                setup.add(pipeline, log);
            }
            for (PersonalizeQueue queue : pipelines.personalizeQueues().values()) {
                setup.pollers.add(new RecommendationsPoller(queue, setup.sqs(), metrics));
            }
            return setup;
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw e;
        }
    }

    private void add(Pipeline pipeline, Consumer<String> log) throws IOException {
        Source source = pipeline.source();
        if (source.folder() != null) {
            sources.add(new FolderArrivals(pipeline));
            finishers.put(pipeline.name(), new Finisher(source, LocalFolderStore.of(source.folder()), true));
            return;
        }
        S3Store store = S3Store.of(s3(), source.bucketName(), source.bucketPrefix());
        finishers.put(pipeline.name(), new Finisher(source, store, false));
        sources.add(source.queueUrl() != null
                ? new QueueArrivals(pipeline, sqs(), QUEUE_WAIT_SECONDS, log)
                : new BucketPolling(pipeline, store));
    }

    /** The sources with how often each is looked at: its pipeline's 'poll', else every {@code interval}. */
    public List<ServeLoop.Watched> watched(Duration interval) {
        List<ServeLoop.Watched> watched = new ArrayList<>();
        for (ArrivalSource source : sources) {
            Duration poll = source.pipeline().source().poll();
            watched.add(new ServeLoop.Watched(source, poll == null ? interval : poll));
        }
        return watched;
    }

    public ServeWorker worker(ClaimStore claims, String owner, Duration lease, FileImporter importer,
            ServeMetrics metrics, Consumer<String> log) {
        return new ServeWorker(claims, owner, lease, importer, finishers, this::rejectsPlace, metrics, log);
    }

    /** A folder's rejects are written beside the file; a bucket's in the state folder until they are uploaded. */
    private Path rejectsPlace(Arrival arrival) {
        Source source = arrival.pipeline().source();
        String name = RejectsFile.nameFor(arrival.key());
        return source.folder() != null
                ? source.folder().resolve(name)
                : pipelines.state().resolve("rejects").resolve(arrival.pipeline().name()).resolve(name);
    }

    public List<Poller> pollers() {
        return List.copyOf(pollers);
    }

    /** One line per source and poller, for the log and /health. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(sources.stream().map(ArrivalSource::describe).toList());
        pollers.forEach(p -> lines.add(p.describe()));
        return lines;
    }

    private S3Client s3() {
        if (s3 == null) {
            AwsClientSettings settings = aws.apply("S3");
            s3 = AwsClients.s3(settings, settings.endpoint() != null);
        }
        return s3;
    }

    private SqsClient sqs() {
        if (sqs == null) {
            sqs = AwsClients.sqs(aws.apply("SQS"));
        }
        return sqs;
    }

    @Override
    public void close() {
        sources.forEach(ArrivalSource::close);
        pollers.forEach(Poller::close);
        if (s3 != null) {
            s3.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
