package dev.sluice.cli.serve;

import dev.sluice.aws.s3.S3Store;
import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.pipeline.Source;
import dev.sluice.core.source.ObjectInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A bucket without event notifications, listed at each look. An S3 object is whole once it is listed
 * (uploads, multipart too, appear atomically), so every wanted object is an arrival; one already being
 * imported by another instance is held by its claim, and a handled one has moved to done/ or failed/.
 */
final class BucketPolling implements ArrivalSource {
    private final Pipeline pipeline;
    private final S3Store store;

    BucketPolling(Pipeline pipeline, S3Store store) {
        this.pipeline = pipeline;
        this.store = store;
    }

    @Override
    public List<Arrival> look() {
        Source source = pipeline.source();
        List<Arrival> arrivals = new ArrayList<>();
        for (ObjectInfo file : Candidates.of(source, store.list(source.prefix()))) {
            String uri = "s3://" + source.bucketName() + "/" + source.bucketPrefix() + file.key();
            arrivals.add(new Arrival(pipeline, uri, file.key(), null, file.version(), Receipt.NONE));
        }
        return arrivals;
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public String describe() {
        return "bucket " + store.describe() + " (polled)";
    }
}
