package dev.sluice.core.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A ledger that forgets everything when the process ends: for dry runs, where nothing is recorded. */
public final class InMemoryLedger implements Ledger {
    private final List<JobRecord> jobs = new ArrayList<>();

    @Override
    public synchronized Optional<JobRecord> latest(String key) {
        return jobs.stream().filter(j -> j.key().equals(key)).max(Comparator.comparingLong(JobRecord::id));
    }

    @Override
    public synchronized JobRecord start(NewJob job) {
        Instant now = Instant.now();
        JobRecord record = new JobRecord(jobs.size() + 1, job.key(), job.source(), job.sourceVersion(),
                job.destination(), JobStatus.RUNNING, job.header(), job.start(), job.rejectsFile(), now, now, null);
        jobs.add(record);
        return record;
    }

    @Override
    public synchronized void header(long jobId, List<String> header) {
        replace(jobId, j -> with(j, j.status(), header, j.checkpoint(), j.error()));
    }

    @Override
    public synchronized void checkpoint(long jobId, Checkpoint checkpoint) {
        replace(jobId, j -> with(j, j.status(), j.header(), checkpoint, j.error()));
    }

    @Override
    public synchronized void finish(long jobId, JobStatus status, Checkpoint checkpoint, String error) {
        replace(jobId, j -> with(j, status, j.header(), checkpoint, error));
    }

    @Override
    public synchronized void resume(long jobId) {
        replace(jobId, j -> with(j, JobStatus.RUNNING, j.header(), j.checkpoint(), null));
    }

    @Override
    public synchronized List<JobRecord> recent(int limit) {
        return jobs.stream().sorted(Comparator.comparingLong(JobRecord::id).reversed()).limit(limit).toList();
    }

    @Override
    public void close() {
    }

    private void replace(long jobId, java.util.function.UnaryOperator<JobRecord> change) {
        int index = (int) jobId - 1;
        jobs.set(index, change.apply(jobs.get(index)));
    }

    private static JobRecord with(JobRecord j, JobStatus status, List<String> header, Checkpoint cp, String error) {
        return new JobRecord(j.id(), j.key(), j.source(), j.sourceVersion(), j.destination(), status, header, cp,
                j.rejectsFile(), j.startedAt(), Instant.now(), error);
    }
}
