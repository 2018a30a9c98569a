package dev.sluice.core.engine;

/** Counters a sink reports; cumulative over the sink's life. */
public record SinkStats(long requests, long retries) {
    public static final SinkStats NONE = new SinkStats(0, 0);
}
