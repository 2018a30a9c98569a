package dev.sluice.cli.serve;

import dev.sluice.cli.JobWatch;
import dev.sluice.core.engine.ImportRunner;
import dev.sluice.core.engine.JobResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The service's stop: once asked (SIGTERM), no new file is taken, and the import that is running stops
 * reading, lets its batches in flight finish and saves its checkpoint. The file is then given back, and
 * the next start (or another instance) resumes it.
 */
public final class Drain {
    static final String REASON = "the service is stopping; the file resumes at its next start";

    private final CountDownLatch stopped = new CountDownLatch(1);
    private ImportRunner<?> current;

    public synchronized void stop() {
        stopped.countDown();
        if (current != null) {
            current.requestStop(REASON);
        }
    }

    public boolean stopping() {
        return stopped.getCount() == 0;
    }

    /** Waits up to {@code millis}, returning early when the service stops. */
    void pause(long millis) throws InterruptedException {
        stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    /** How serve watches each import: stoppable by this drain, counted in the metrics. */
    public JobWatch watch(ServeMetrics metrics, String pipeline) {
        return runner -> {
            running(runner);
            try {
                JobResult result = runner.run();
                metrics.job(pipeline, result);
                return result;
            } finally {
                finished();
            }
        };
    }

    private synchronized void running(ImportRunner<?> runner) {
        current = runner;
        if (stopping()) {
            runner.requestStop(REASON);
        }
    }

    private synchronized void finished() {
        current = null;
    }
}
