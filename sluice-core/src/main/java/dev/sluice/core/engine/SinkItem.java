package dev.sluice.core.engine;

/**
 * What a transform hands the batcher: the destination's payload for one record, with what the engine
 * needs to batch and order it.
 */
public interface SinkItem {

    /**
     * Items with the same key (one user, one primary key) are never in flight in two batches at once,
     * so the destination sees them in file order.
     */
    String orderingKey();

    /** The bytes this item adds to a batch, separators included. */
    int sizeBytes();
}
