package dev.sluice.core.ledger;

import java.time.Duration;

/**
 * Claims on files, so that a file is imported by one worker at a time and, once done, never again —
 * also when several {@code sluice serve} instances share the store and the same event reaches more
 * than one of them. A claim is a lease: a worker that dies stops renewing it, and once it expires
 * another worker may take the file up (the ledger's checkpoint then resumes the job where it stopped).
 */
public interface ClaimStore {

    /** Takes the claim if nobody holds it, its lease expired, or {@code owner} already holds it. */
    ClaimResult claim(String key, String owner, Duration lease);

    /** Extends a held claim; false when {@code owner} no longer holds it (it expired and was taken). */
    boolean renew(String key, String owner, Duration lease);

    /** Gives the claim back unfinished (a stopped job), so the next look or another worker resumes it. */
    void release(String key, String owner);

    /** Marks the claimed file done: later claims answer {@link ClaimResult#DONE}. */
    void done(String key, String owner);

    /** What {@link #claim} found. */
    enum ClaimResult {
        TAKEN,
        HELD_ELSEWHERE,
        DONE
    }
}
