package dev.sluice.core.engine;

import dev.sluice.core.record.Header;

/**
 * Prepares a transform once the header is known. Throws {@link dev.sluice.core.record.HeaderException}
 * when the header cannot work for the destination (no identifier column, say): the file then fails
 * before anything is sent.
 */
@FunctionalInterface
public interface TransformFactory<T extends SinkItem> {
    PreparedTransform<T> prepare(Header header);
}
