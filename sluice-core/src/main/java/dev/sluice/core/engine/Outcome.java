package dev.sluice.core.engine;

/** What the destination said about one item of a batch. */
public sealed interface Outcome {

    Outcome ACCEPTED = new Accepted();

    record Accepted() implements Outcome { }

    /** Refused by the destination, with its reason; retrying would not help. */
    record Rejected(String reason) implements Outcome { }

    /** Not written because it already existed or did not (conditional modes); counted as skipped. */
    record Skipped(String reason) implements Outcome { }
}
