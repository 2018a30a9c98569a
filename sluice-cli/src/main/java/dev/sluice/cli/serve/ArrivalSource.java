package dev.sluice.cli.serve;

import dev.sluice.core.pipeline.Pipeline;
import java.io.IOException;
import java.util.List;

/** Where a pipeline's files come from: each look returns the files that became ready since. */
public interface ArrivalSource extends AutoCloseable {

    List<Arrival> look() throws IOException;

    /** The pipeline whose files these are. */
    Pipeline pipeline();

    /** For the log and /health, e.g. "folder /data/in" or "queue https://sqs…/uploads". */
    String describe();

    @Override
    default void close() {
    }
}
