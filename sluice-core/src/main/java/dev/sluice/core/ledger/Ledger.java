package dev.sluice.core.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The durable record of jobs: which file went where, how far it got, and what happened. Every write
 * is durable when the call returns (a kill -9 right after loses nothing the call reported).
 */
public interface Ledger extends AutoCloseable {

    /** The most recent job with this key, if any. */
    Optional<JobRecord> latest(String key);

    JobRecord start(NewJob job);

    /** Records the header once it is known (a job that starts at offset 0 learns it from the file). */
    void header(long jobId, List<String> header);

    void checkpoint(long jobId, Checkpoint checkpoint);

    void finish(long jobId, JobStatus status, Checkpoint checkpoint, String error);

    /** Marks a resumable job as resumed by a new run, so its record shows it is running again. */
    void resume(long jobId);

    /** The most recent jobs, newest first. */
    List<JobRecord> recent(int limit);

    @Override
    void close();
}
