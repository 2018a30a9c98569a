package dev.sluice.lambda.rejects;

import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.Ledger;
import dev.sluice.core.ledger.LedgerException;
import dev.sluice.core.ledger.NewJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Keeps a job's rejects in S3 at least as long as its checkpoint says: before a checkpoint that
 * counts more rejected bytes than S3 has is saved, the local rejects file is uploaded. A checkpoint
 * is the promise "everything before this is done and the rejected rows are kept"; on Lambda, /tmp is
 * gone by the next invocation, so "kept" has to mean S3. A resume cuts the file back to the
 * checkpoint's length, as it does locally.
 *
 * <p>Uploads replace the whole object, so when rows are rejected in bursts a checkpoint that would
 * need an upload within {@code minInterval} of the last one is not saved: the durable checkpoint
 * then lags by at most that interval (what a crash would send again). The final checkpoint
 * ({@link #finish}) always uploads.
 */
public final class RejectsMirroringLedger implements Ledger {
    private final Ledger ledger;
    private final S3Rejects remote;
    private final Path local;
    private final Duration minInterval;
    private long uploaded;
    private long lastUploadNanos;

    /** {@code remoteLength}: how many bytes the S3 object has now (0 when there is none). */
    public RejectsMirroringLedger(Ledger ledger, S3Rejects remote, Path local, long remoteLength, Duration minInterval) {
        this.ledger = ledger;
        this.remote = remote;
        this.local = local;
        this.uploaded = remoteLength;
        this.minInterval = minInterval;
        this.lastUploadNanos = System.nanoTime() - minInterval.toNanos();
    }

    @Override
    public synchronized void checkpoint(long jobId, Checkpoint checkpoint) {
        if (checkpoint.rejectsLength() > uploaded) {
            if (System.nanoTime() - lastUploadNanos < minInterval.toNanos()) {
                return;
            }
            upload(checkpoint.rejectsLength());
        }
        ledger.checkpoint(jobId, checkpoint);
    }

    @Override
    public synchronized void finish(long jobId, JobStatus status, Checkpoint checkpoint, String error) {
        if (checkpoint.rejectsLength() != uploaded && checkpoint.rejectsLength() > 0) {
            upload(checkpoint.rejectsLength());
        }
        ledger.finish(jobId, status, checkpoint, error);
    }

    @Override
    public Optional<JobRecord> latest(String key) {
        return ledger.latest(key);
    }

    @Override
    public JobRecord start(NewJob job) {
        return ledger.start(job);
    }

    @Override
    public void header(long jobId, List<String> header) {
        ledger.header(jobId, header);
    }

    @Override
    public void resume(long jobId) {
        ledger.resume(jobId);
    }

    @Override
    public List<JobRecord> recent(int limit) {
        return ledger.recent(limit);
    }

    @Override
    public void close() {
        ledger.close();
    }

    private void upload(long length) {
        try {
            remote.upload(local, length);
        } catch (IOException | SdkException e) {
            throw new LedgerException("cannot keep the rejected rows in " + remote.uri() + ": " + e.getMessage(), e);
        }
        uploaded = length;
        lastUploadNanos = System.nanoTime();
    }
}
