package dev.sluice.core.ledger;

/**
 * What a job has done up to its checkpoint. {@code read == accepted + rejected + skipped} always holds
 * for a committed prefix of the file; requests and retries count calls to the destination.
 */
public record Counts(long read, long accepted, long rejected, long skipped, long requests, long retries) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

    public boolean reconciles() {
        return read == accepted + rejected + skipped;
    }

    public Counts plus(Counts other) {
        return new Counts(read + other.read, accepted + other.accepted, rejected + other.rejected,
                skipped + other.skipped, requests + other.requests, retries + other.retries);
    }
}
