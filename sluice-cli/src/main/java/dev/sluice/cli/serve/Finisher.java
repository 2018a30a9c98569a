package dev.sluice.cli.serve;

import dev.sluice.core.pipeline.Source;
import dev.sluice.core.rejects.RejectsFile;
import dev.sluice.core.source.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Moves a handled file to its pipeline's done/ or failed/ folder, with its rejects file beside it. */
final class Finisher {
    private final Source source;
    private final ObjectStore store;
    /** True for a local folder, where the rejects file already sits beside the input and is moved with it. */
    private final boolean local;

    Finisher(Source source, ObjectStore store, boolean local) {
        this.source = source;
        this.store = store;
        this.local = local;
    }

    /** Whether the arrival's file is still where it was found (an old event may name a file moved since). */
    boolean stillThere(Arrival arrival) {
        try {
            store.object(arrival.key());
            return true;
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            return true; // unknown: let the move report it
        }
    }

    /** @return where the file went, e.g. {@code done/users.csv} */
    String finish(Arrival arrival, boolean ok, Path rejects) throws IOException {
        String folder = ok ? source.done() : source.failed();
        String target = folder + arrival.key();
        store.move(arrival.key(), target);
        if (Files.exists(rejects)) {
            String rejectsKey = folder + RejectsFile.nameFor(arrival.key());
            if (local) {
                store.move(RejectsFile.nameFor(arrival.key()), rejectsKey);
            } else {
                store.put(rejectsKey, rejects);
                Files.delete(rejects);
            }
        }
        return target;
    }
}
