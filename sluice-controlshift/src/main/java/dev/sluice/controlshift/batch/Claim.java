package dev.sluice.controlshift.batch;

import java.util.List;

/** What {@link BatchStore#lockNext} took. */
public sealed interface Claim {
    Batch batch();

    List<BatchFile> files();

    /** The caller holds the batch's lease and loads {@code files}: exactly the set fixed when it closed. */
    record Locked(Batch batch, List<BatchFile> files) implements Claim {
    }

    /** The batch had used up its attempts and is now ERROR; nothing to load, only to report. */
    record GaveUp(Batch batch, List<BatchFile> files) implements Claim {
    }
}
