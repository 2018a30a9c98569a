package dev.sluice.cli;

import dev.sluice.core.engine.JobProgress;
import java.util.Locale;

/** A single line on standard error, redrawn twice a second: rows, rows/s (last 10 s), how far, ETA. */
final class ProgressLine {
    private static final long INTERVAL_MILLIS = 500;
    private static final long RATE_WINDOW_NANOS = 10_000_000_000L;

    private final Thread thread;

    private ProgressLine(Thread thread) {
        this.thread = thread;
    }

    static ProgressLine start(Console console, JobProgress progress, boolean enabled) {
        if (!enabled) {
            return new ProgressLine(null);
        }
        RecentRate rate = new RecentRate(RATE_WINDOW_NANOS);
        rate.add(System.nanoTime(), progress.committedRows());
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(INTERVAL_MILLIS);
                    double rowsPerSecond = rate.add(System.nanoTime(), progress.committedRows());
                    console.err().print("\r" + render(progress, rowsPerSecond) + "   ");
                    console.err().flush();
                }
            } catch (InterruptedException e) {
                console.err().print("\r" + " ".repeat(78) + "\r");
                console.err().flush();
            }
        }, "sluice-progress");
        thread.setDaemon(true);
        thread.start();
        return new ProgressLine(thread);
    }

    void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(1000);
        }
    }

    static String render(JobProgress p, double rowsPerSecond) {
        StringBuilder line = new StringBuilder();
        line.append(Summary.number(p.committedRows())).append(" rows  ")
                .append(Summary.number(Math.round(rowsPerSecond))).append(" rows/s");
        if (p.totalBytes() > 0) {
            line.append(String.format(Locale.ROOT, "  %.0f%%", 100.0 * p.bytesRead() / p.totalBytes()));
        }
        long eta = p.etaSeconds();
        if (eta >= 0) {
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
        }
        return line.toString();
    }
}
