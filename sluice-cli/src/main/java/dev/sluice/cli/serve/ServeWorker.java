package dev.sluice.cli.serve;

import dev.sluice.cli.ExitCode;
import dev.sluice.core.ledger.ClaimStore;
import dev.sluice.core.ledger.ClaimStore.ClaimResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Handles one arrival at a time: claim it in the ledger (so two instances, or a repeated event, never
 * import a file twice), keep the claim alive while importing, then move the file to done/ or failed/,
 * mark the claim done and tell the source. A stopped import gives its claim back: the next look, here or
 * on another instance, resumes it from the ledger's checkpoint.
 */
public final class ServeWorker implements AutoCloseable {
    private final ClaimStore claims;
    private final String owner;
    private final Duration lease;
    private final FileImporter importer;
    private final Map<String, Finisher> finishers;
    private final RejectsPlace rejectsPlace;
    private final ServeMetrics metrics;
    private final Consumer<String> log;
    private final RetryDelays retries = new RetryDelays();
    private final ServeTally tally = new ServeTally();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-claim-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** Where an arrival's rejects are written while it is imported. */
    @FunctionalInterface
    public interface RejectsPlace {
        Path of(Arrival arrival);
    }

    /** @param finishers per pipeline name */
    ServeWorker(ClaimStore claims, String owner, Duration lease, FileImporter importer, Map<String, Finisher> finishers,
            RejectsPlace rejectsPlace, ServeMetrics metrics, Consumer<String> log) {
        this.claims = claims;
        this.owner = owner;
        this.lease = lease;
        this.importer = importer;
        this.finishers = Map.copyOf(finishers);
        this.rejectsPlace = rejectsPlace;
        this.metrics = metrics;
        this.log = log;
    }

    public FileOutcome handle(Arrival arrival) {
        String key = arrival.claimKey();
        if (retries.waiting(key)) {
            arrival.receipt().later();
            return FileOutcome.WAITING;
        }
        ClaimResult claim = claims.claim(key, owner, lease);
        FileOutcome outcome = switch (claim) {
            case DONE -> {
                log.accept("already done: " + arrival.location() + " (a repeated event, or done by another instance)");
                arrival.receipt().handled();
                tally.record(arrival, FileOutcome.DUPLICATE, false);
                yield FileOutcome.DUPLICATE;
            }
            case HELD_ELSEWHERE -> {
                arrival.receipt().later();
                yield FileOutcome.BUSY;
            }
            case TAKEN -> importClaimed(arrival, key);
        };
        metrics.file(arrival.pipeline().name(), outcome);
        return outcome;
    }

    /** What this worker did so far, for serve's summary and exit code. */
    public ServeTally tally() {
        return tally;
    }

    private FileOutcome importClaimed(Arrival arrival, String key) {
        ScheduledFuture<?> renewal = heartbeat.scheduleAtFixedRate(() -> renew(key),
                lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        int exit;
        try {
            log.accept("importing " + arrival.location() + (arrival.version() == null ? "" : " (version " + arrival.version() + ")")
                    + " for pipeline '" + arrival.pipeline().name() + "'");
            exit = importer.importFile(arrival, rejectsPlace.of(arrival));
        } finally {
            renewal.cancel(false);
        }
        if (exit == ExitCode.STOPPED) {
            claims.release(key, owner);
            arrival.receipt().later();
            Duration wait = retries.stopped(key);
            log.accept("stopped: " + arrival.location() + " (resumes from its checkpoint; next attempt in "
                    + wait.toSeconds() + " s)");
            tally.record(arrival, FileOutcome.STOPPED, false);
            return FileOutcome.STOPPED;
        }
        retries.forget(key);
        boolean ok = exit != ExitCode.USAGE;
        Finisher finisher = finishers.get(arrival.pipeline().name());
        if (!ok && !finisher.stillThere(arrival)) {
            // an old event for a file that was imported and moved (or deleted) since: nothing to do
            log.accept("gone: " + arrival.location() + " (moved or deleted before this event was handled)");
            claims.done(key, owner);
            arrival.receipt().handled();
            tally.record(arrival, FileOutcome.DUPLICATE, false);
            return FileOutcome.DUPLICATE;
        }
        try {
            String target = finisher.finish(arrival, ok, rejectsPlace.of(arrival));
            log.accept((ok ? "done: " : "failed: ") + arrival.location() + " → " + target);
        } catch (IOException e) {
            // The import itself is recorded in the ledger; only the move failed. The claim still ends done,
            // so the file is not imported again, and the message says where it stayed.
            log.accept("imported " + arrival.location() + " but could not move it: " + e.getMessage());
        }
        claims.done(key, owner);
        arrival.receipt().handled();
        FileOutcome outcome = ok ? FileOutcome.DONE : FileOutcome.FAILED;
        tally.record(arrival, outcome, exit == ExitCode.REJECTED_ROWS);
        return outcome;
    }

    private void renew(String key) {
        try {
            if (!claims.renew(key, owner, lease)) {
                log.accept("lost the claim on " + key + " (its lease ran out); another instance may resume it");
            }
        } catch (RuntimeException e) {
            log.accept("could not renew the claim on " + key + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
