package dev.sluice.cli.serve;

/** Work serve does at every look besides files, e.g. sending a queue of recommendation rows to Braze. */
public interface Poller extends AutoCloseable {

    /** Does one round of work; returns whether there was any. */
    boolean pollOnce();

    /** For the log and /health. */
    String describe();

    @Override
    default void close() {
    }
}
