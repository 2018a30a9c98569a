package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.engine.JobResult;
import dev.sluice.core.ledger.Counts;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/** The end-of-run report: a few aligned lines for a person, or one JSON object for a program. */
final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Console console;
    private final boolean json;

    Summary(Console console, boolean json) {
        this.console = console;
        this.json = json;
    }

    void print(JobResult result, String source, String destination) {
        if (json) {
            console.out().println(toJson(result));
        } else {
            console.out().print(toText(result, source, destination));
        }
    }

    /**
     * With {@code --json}, a command that failed before it had a result (a bad option, a missing file,
     * an unreachable destination) still prints one JSON object, so scripts always get one to read.
     */
    static void printFailure(Console console, boolean json, String status, String message) {
        if (!json) {
            return;
        }
        try {
            console.out().println(JSON.writeValueAsString(JSON.createObjectNode().put("status", status)
                    .put("message", message)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String status(JobResult result) {
        return result.status().name().toLowerCase(Locale.ROOT);
    }

    private static String toJson(JobResult result) {
        Counts c = result.counts();
        ObjectNode node = JSON.createObjectNode()
                .put("status", status(result))
                .put("rows_read", c.read())
                .put("accepted", c.accepted())
                .put("rejected", c.rejected())
                .put("skipped", c.skipped())
                .put("requests", c.requests())
                .put("retries", c.retries())
                .put("duration_ms", result.duration().toMillis())
                .put("checkpoint_offset", result.checkpointOffset())
                .put("rejects_file", result.rejectsFile() == null ? null : result.rejectsFile().toString())
                .put("resumed", result.resumed())
                .put("message", result.message())
                .put("peak_heap_bytes", peakHeapBytes());
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toText(JobResult result, String source, String destination) {
        Counts c = result.counts();
        StringBuilder text = new StringBuilder();
        text.append(headline(result, source, destination)).append('\n');
        if (result.message() != null) {
            text.append("  ").append(result.message()).append('\n');
        }
        if (result.status() == JobResult.Status.INVALID || result.status() == JobResult.Status.ALREADY_IMPORTED) {
            return text.toString();
        }
        double seconds = Math.max(result.duration().toMillis(), 1) / 1000.0;
        line(text, "rows read", number(c.read()) + (result.resumed() ? " (resumed from a checkpoint)" : ""));
        line(text, "accepted", number(c.accepted()));
        line(text, "rejected", number(c.rejected())
                + (result.rejectsFile() == null ? "" : "  → " + result.rejectsFile()));
        line(text, "skipped", number(c.skipped()));
        line(text, "requests", number(c.requests()) + " (" + number(c.retries()) + " retried)");
        line(text, "duration", String.format(Locale.ROOT, "%.1f s", seconds) + (result.resumed() ? " (this run)" : ""));
        line(text, "checkpoint", "byte " + number(result.checkpointOffset()));
        return text.toString();
    }

    private static String headline(JobResult result, String source, String destination) {
        return switch (result.status()) {
            case COMPLETED -> "Imported " + source + " into " + destination + ".";
            case ALREADY_IMPORTED -> "Skipped " + source + ": already imported into " + destination + ".";
            case INVALID -> "Nothing sent: " + source + " cannot be imported.";
            case STOPPED -> "Stopped importing " + source + " into " + destination + " (resumable).";
        };
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-11s %s%n", label, value));
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The largest heap the run used: the sum of each heap pool's peak. */
    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
