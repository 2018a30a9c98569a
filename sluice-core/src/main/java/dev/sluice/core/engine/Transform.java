package dev.sluice.core.engine;

import dev.sluice.core.record.Record;

/**
 * Turns a typed record into the destination's item. Pure: no I/O, no shared mutable state, so the
 * same transform runs in the local engine, in Lambda and on a distributed engine.
 */
@FunctionalInterface
public interface Transform<T extends SinkItem> {
    TransformResult<T> apply(Record record);
}
