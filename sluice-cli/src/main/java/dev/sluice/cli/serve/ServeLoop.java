package dev.sluice.cli.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Looks at every source in turn and hands what arrived to the worker, one file at a time, until the
 * drain stops it (or after a number of looks, for tests and one-shot runs). A source with its own poll
 * period is looked at only that often. A source that fails (a bucket or queue unreachable) is reported
 * and tried again at the next look; it never stops the others.
 */
public final class ServeLoop {
    private final List<Scheduled> sources = new ArrayList<>();
    private final List<Poller> pollers;
    private final ServeWorker worker;
    private final Drain drain;
    private final Duration interval;
    private final Consumer<String> log;
    private volatile Instant lastLook;
    private volatile String current;

    /** A source and how often to look at it. */
    public record Watched(ArrivalSource source, Duration every) { }

    private static final class Scheduled {
        final Watched watched;
        Instant next = Instant.MIN;

        Scheduled(Watched watched) {
            this.watched = watched;
        }
    }

    public ServeLoop(List<Watched> watched, List<Poller> pollers, ServeWorker worker, Drain drain, Duration interval,
            Consumer<String> log) {
        watched.forEach(w -> sources.add(new Scheduled(w)));
        this.pollers = List.copyOf(pollers);
        this.worker = worker;
        this.drain = drain;
        this.interval = interval;
        this.log = log;
    }

    /**
     * @param looks     how many rounds to run, or null for no limit
     * @param idleLooks stop after this many rounds in a row found nothing (null: never), for batch runs
     * @return why it ended
     */
    public String run(Integer looks, Integer idleLooks) throws InterruptedException {
        int idle = 0;
        for (int look = 1; looks == null || look <= looks; look++) {
            boolean found = false;
            for (Scheduled s : sources) {
                if (!drain.stopping() && !Instant.now().isBefore(s.next)) {
                    s.next = Instant.now().plus(s.watched.every());
                    found |= handle(s.watched.source());
                }
            }
            for (Poller poller : pollers) {
                if (!drain.stopping()) {
                    found |= poll(poller);
                }
            }
            lastLook = Instant.now();
            idle = found ? 0 : idle + 1;
            if (drain.stopping()) {
                return "stopped";
            }
            if (idleLooks != null && idle >= idleLooks) {
                return "nothing arrived in " + idle + " look(s)";
            }
            drain.pause(interval.toMillis());
        }
        return "done after " + looks + " look(s)";
    }

    private boolean poll(Poller poller) {
        try {
            return poller.pollOnce();
        } catch (RuntimeException e) {
            log.accept("cannot poll " + poller.describe() + ": " + e.getMessage() + " (trying again)");
            return false;
        }
    }

    /** @return whether any file was worked on (a stopped file waiting for its next attempt is not) */
    private boolean handle(ArrivalSource source) {
        List<Arrival> arrivals;
        try {
            arrivals = source.look();
        } catch (IOException | UncheckedIOException | software.amazon.awssdk.core.exception.SdkException e) {
            log.accept("cannot look at " + source.describe() + ": " + e.getMessage() + " (trying again)");
            return false;
        }
        boolean worked = false;
        for (Arrival arrival : arrivals) {
            if (drain.stopping()) {
                arrival.receipt().later();
                continue;
            }
            current = arrival.location();
            try {
                worked |= worker.handle(arrival) != FileOutcome.WAITING;
            } catch (RuntimeException e) {
                // e.g. the shared ledger unreachable: the file stays where it is and comes back later
                log.accept("could not handle " + arrival.location() + ": " + e.getMessage());
                arrival.receipt().later();
            } finally {
                current = null;
            }
        }
        return worked;
    }

    /** When the last round of looks ended, or null before the first. */
    public Instant lastLook() {
        return lastLook;
    }

    /** The file being imported now, or null. */
    public String current() {
        return current;
    }
}
