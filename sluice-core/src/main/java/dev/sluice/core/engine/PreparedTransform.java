package dev.sluice.core.engine;

import dev.sluice.core.typing.RowTyper;

/** What a destination makes of a header: how to type each row, and how to turn typed rows into items. */
public record PreparedTransform<T extends SinkItem>(RowTyper typer, Transform<T> transform) {
}
