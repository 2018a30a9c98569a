package dev.sluice.core.engine;

/**
 * How large one batch may be: items, and the sum of {@link SinkItem#sizeBytes()} (the sink keeps its
 * own envelope out of this budget).
 */
public record SinkLimits(int maxItems, long maxItemBytes) {
    public SinkLimits {
        if (maxItems < 1 || maxItemBytes < 1) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
    }
}
