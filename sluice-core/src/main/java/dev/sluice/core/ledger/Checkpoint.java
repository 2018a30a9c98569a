package dev.sluice.core.ledger;

/**
 * The watermark of a job: every record before {@code offset} is finished (accepted, rejected or
 * skipped) and counted; {@code line} is the physical line the next record starts on. The rejects file
 * is valid up to {@code rejectsLength} bytes; anything after it was written past the watermark and is
 * cut off on resume, so a resumed job never reports a row twice.
 */
public record Checkpoint(long offset, long line, Counts counts, long rejectsLength) {

    public static final Checkpoint START = new Checkpoint(0, 1, Counts.ZERO, 0);
}
