package dev.sluice.core.engine;

/** What a transform makes of one record: an item to send, a skip (counted, not an error) or a rejection. */
public sealed interface TransformResult<T extends SinkItem> {

    record Emit<T extends SinkItem>(T item) implements TransformResult<T> { }

    record Skip<T extends SinkItem>(String reason) implements TransformResult<T> { }

    record Reject<T extends SinkItem>(Rejection rejection) implements TransformResult<T> { }

    static <T extends SinkItem> TransformResult<T> emit(T item) {
        return new Emit<>(item);
    }

    static <T extends SinkItem> TransformResult<T> skip(String reason) {
        return new Skip<>(reason);
    }

    static <T extends SinkItem> TransformResult<T> reject(String column, String reason) {
        return new Reject<>(new Rejection(column, reason));
    }
}
