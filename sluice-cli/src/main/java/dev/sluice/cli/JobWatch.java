package dev.sluice.cli;

import dev.sluice.core.engine.ImportRunner;
import dev.sluice.core.engine.JobResult;
import java.io.IOException;

/**
 * Who watches an import while it runs. By default a person: a progress line, and Ctrl-C or SIGTERM
 * drains and exits with 3. {@code sluice serve} watches its imports itself: its own SIGTERM drains the
 * running import and gives the file back, and it counts what each job did for /metrics.
 */
public interface JobWatch {

    /** Runs the job (calls {@link ImportRunner#run()}) and returns its result. */
    JobResult run(ImportRunner<?> runner) throws IOException, InterruptedException;
}
