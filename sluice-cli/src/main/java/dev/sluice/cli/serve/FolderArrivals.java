package dev.sluice.cli.serve;

import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.source.LocalFolderStore;
import dev.sluice.core.source.ObjectInfo;
import dev.sluice.core.source.StableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** A watched folder: a file arrives once two looks in a row see the same size and modification time. */
final class FolderArrivals implements ArrivalSource {
    private final Pipeline pipeline;
    private final LocalFolderStore store;
    private final StableFiles stable = new StableFiles();

    FolderArrivals(Pipeline pipeline) throws IOException {
        this.pipeline = pipeline;
        Files.createDirectories(pipeline.source().folder());
        this.store = LocalFolderStore.of(pipeline.source().folder());
    }

    @Override
    public List<Arrival> look() {
        List<ObjectInfo> ready = stable.ready(Candidates.of(pipeline.source(), store.list(pipeline.source().prefix())));
        List<Arrival> arrivals = new ArrayList<>();
        for (ObjectInfo file : ready) {
            String path = pipeline.source().folder().resolve(file.key()).toString();
            arrivals.add(new Arrival(pipeline, path, file.key(), null, file.version(), new Receipt() {
                @Override
                public void handled() {
                }

                @Override
                public void later() {
                    stable.retry(file);
                }
            }));
        }
        return arrivals;
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public String describe() {
        return "folder " + pipeline.source().folder();
    }
}
