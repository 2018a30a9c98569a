package dev.sluice.controlshift;

import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchFile;
import dev.sluice.controlshift.batch.BatchLoader;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.BatchStore;
import dev.sluice.controlshift.batch.Claim;
import dev.sluice.controlshift.batch.FileStatus;
import dev.sluice.controlshift.batch.LoadResult;
import dev.sluice.controlshift.batch.TransientLoadException;
import dev.sluice.controlshift.fetch.DownloadOutcome;
import dev.sluice.controlshift.fetch.DownloadRules;
import dev.sluice.controlshift.fetch.Downloader;
import dev.sluice.controlshift.notify.BatchNotice;
import dev.sluice.controlshift.notify.Notifier;
import dev.sluice.controlshift.store.EventStatus;
import dev.sluice.controlshift.store.EventStore;
import dev.sluice.controlshift.store.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ControlShift pipeline's worker, run on a schedule by the service (every few seconds). One
 * {@link #runOnce()} downloads the files due, closes the batches whose count, age or bytes rule fires
 * (so the age rule fires by the timer, not only when a file arrives), then takes one batch under a
 * lease, loads it, records the outcome and notifies. Several workers (threads or processes) may share
 * one store: they never take the same event or batch, and a dead worker's lease runs out and its
 * batch is taken up again.
 */
public final class ControlShiftWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ControlShiftWorker.class);
    /** Downloads per pass, so one pass stays short even after a nightly burst of 63 tables. */
    private static final int DOWNLOADS_PER_PASS = 16;
    /** How long a download may hold its event before another worker may take it (5 GiB at 10 MB/s is 9 min). */
    private static final java.time.Duration DOWNLOAD_LEASE = java.time.Duration.ofMinutes(30);

    private final String id;
    private final EventStore events;
    private final Downloader downloader;
    private final DownloadRules downloadRules;
    private final BatchStore batches;
    private final BatchLoader loader;
    private final Notifier notifier;
    private final Clock clock;

    public ControlShiftWorker(String id, EventStore events, Downloader downloader, DownloadRules downloadRules, BatchStore batches,
            BatchLoader loader, Notifier notifier, Clock clock) {
        this.id = id;
        this.events = events;
        this.downloader = downloader;
        this.downloadRules = downloadRules;
        this.batches = batches;
        this.loader = loader;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** What one pass did. */
    public record Pass(int downloaded, int notDownloaded, int closed, Optional<Long> finishedBatch) {
        public boolean idle() {
            return downloaded == 0 && notDownloaded == 0 && closed == 0 && finishedBatch.isEmpty();
        }
    }

    public Pass runOnce() throws SQLException {
        int[] downloads = downloadDue();
        int closed = batches.closeDue(clock.instant());
        Optional<Long> finished = loadOne();
        return new Pass(downloads[0], downloads[1], closed, finished);
    }

    /**
     * Whether anything is still on its way: a file not yet downloaded (a retry included) or a batch not
     * finished (an OPEN one waiting for its count, age or bytes rule included). A service that should stop
     * once idle asks this.
     */
    public boolean hasWork() throws SQLException {
        return events.hasUndownloaded() || batches.hasUnfinished();
    }

    /** Passes until one finds nothing to do (for draining a backlog, and for tests). */
    public void runUntilIdle() throws SQLException {
        while (!runOnce().idle()) {
            // keep going
        }
    }

    private int[] downloadDue() throws SQLException {
        int[] counts = new int[2];
        for (int i = 0; i < DOWNLOADS_PER_PASS; i++) {
            Optional<StoredEvent> due = events.claimDue(id, clock.instant(), DOWNLOAD_LEASE);
            if (due.isEmpty()) {
                break;
            }
            counts[download(due.get()) ? 0 : 1]++;
        }
        return counts;
    }

    /** Returns whether the file is now in a batch (false: it will be retried, or it failed for good). */
    private boolean download(StoredEvent event) throws SQLException {
        DownloadOutcome outcome = downloader.download(event, clock.instant());
        Instant now = clock.instant();
        if (outcome instanceof DownloadOutcome.Downloaded d) {
            Optional<Long> batch = batches.addDownloaded(event, id, d.file(), d.wireBytes(), d.csvBytes(), now);
            if (batch.isEmpty()) {
                LOG.warn("download of {} took longer than its lease; another worker has it, this copy is dropped", event.fileKey());
                deleteQuietly(d.file());
                return false;
            }
            LOG.info("downloaded {} ({} bytes of CSV) into batch {}", event.fileKey(), d.csvBytes(), batch.get());
            return true;
        }
        if (outcome instanceof DownloadOutcome.Retry r) {
            if (event.attempts() >= downloadRules.maxAttempts()) {
                failed(event, EventStatus.FAILED, "gave up after " + event.attempts() + " download attempts: " + r.reason(), now);
            } else {
                Instant next = now.plus(downloadRules.backoff(event.attempts()));
                LOG.warn("download of {} failed ({}), attempt {} of {}; next at {}", event.fileKey(), r.reason(), event.attempts(),
                        downloadRules.maxAttempts(), next);
                events.retryLater(event.id(), id, r.reason(), next);
            }
        } else if (outcome instanceof DownloadOutcome.Expired e) {
            failed(event, EventStatus.EXPIRED, "expired: " + e.reason()
                    + "; the next nightly full export of " + event.table() + " brings the table up to date", now);
        } else if (outcome instanceof DownloadOutcome.Failed f) {
            failed(event, EventStatus.FAILED, f.reason(), now);
        }
        return false;
    }

    private void failed(StoredEvent event, EventStatus status, String error, Instant now) throws SQLException {
        Optional<Long> batch = batches.addUndownloadable(event, id, status, error, now);
        if (batch.isPresent()) {
            LOG.error("{} export of {} not downloaded (batch {}): {}", event.kind().label(), event.table(), batch.get(), error);
            batches.get(batch.get()).ifPresent(b -> notifyFinished(b, filesOf(b.id())));
        }
    }

    private Optional<Long> loadOne() throws SQLException {
        Optional<Claim> claim = batches.lockNext(id, clock.instant());
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        Batch batch = claim.get().batch();
        if (claim.get() instanceof Claim.GaveUp) {
            LOG.error("batch {} ({} {}) gave up: {}", batch.id(), batch.kind().label(), batch.table(), batch.error());
            notifyFinished(batch, claim.get().files());
            return Optional.of(batch.id());
        }
        List<BatchFile> files = claim.get().files();
        LoadResult result;
        try {
            result = supersededFull(batch, files).orElse(null);
            if (result == null) {
                result = loader.load(batch, files);
            }
        } catch (TransientLoadException e) {
            LOG.warn("batch {} ({} {}) will be retried: {}", batch.id(), batch.kind().label(), batch.table(), e.getMessage());
            batches.release(batch.id(), id, e.getMessage(), clock.instant());
            return Optional.empty();
        }
        if (!batches.finish(batch.id(), id, result, clock.instant())) {
            LOG.warn("batch {}: the lease ran out before the load was recorded; its next holder records it", batch.id());
            return Optional.empty();
        }
        LOG.info("batch {} ({} {}) {}: {}", batch.id(), batch.kind().label(), batch.table(), result.status(), result.summary());
        removeLoadedFiles(files, result);
        batches.get(batch.id()).ifPresent(b -> notifyFinished(b, filesOf(batch.id())));
        return Optional.of(batch.id());
    }

    /** A full export older than one already loaded would roll the table back: skipped (latest wins). */
    private Optional<LoadResult> supersededFull(Batch batch, List<BatchFile> files) throws SQLException {
        if (batch.kind() != ExportKind.FULL || files.size() != 1 || files.get(0).exportTs() == null) {
            return Optional.empty();
        }
        BatchFile file = files.get(0);
        Optional<Long> newer = batches.newerFullLoaded(batch.table(), file.exportTs());
        return newer.map(by -> loader.skipped(batch, file, "superseded by the newer full export loaded by batch " + by));
    }

    private List<BatchFile> filesOf(long batchId) {
        try {
            return batches.files(batchId);
        } catch (SQLException e) {
            LOG.warn("could not read the files of batch {} for its notification: {}", batchId, e.getMessage());
            return List.of();
        }
    }

    private void notifyFinished(Batch batch, List<BatchFile> files) {
        boolean ok = batch.status() == BatchStatus.COMPLETE;
        List<BatchNotice.FileNotice> fileNotices = files.stream()
                .map(f -> new BatchNotice.FileNotice(f.fileKey(), f.status().name().toLowerCase(java.util.Locale.ROOT), f.rows(), f.error()))
                .toList();
        notifier.send(new BatchNotice(batch.id(), ok ? "ok" : "error", batch.table(), batch.kind().label(), batch.target(),
                fileNotices, batch.rowsLoaded() == null ? 0 : batch.rowsLoaded(),
                batch.rowsRejected() == null ? 0 : batch.rowsRejected(), batch.error()));
    }

    /** Loaded and skipped files are no longer needed; quarantined ones stay for a reprocess. */
    private static void removeLoadedFiles(List<BatchFile> files, LoadResult result) {
        for (LoadResult.FileResult r : result.files()) {
            if (r.status() != FileStatus.LOADED && r.status() != FileStatus.SKIPPED) {
                continue;
            }
            files.stream().filter(f -> f.eventId() == r.eventId() && f.path() != null).findFirst()
                    .ifPresent(f -> deleteQuietly(f.path()));
        }
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not remove the spool file {}: {}", file, e.getMessage());
        }
    }
}
