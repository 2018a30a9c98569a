package dev.sluice.braze;

import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.payload.BrazeTransform;
import dev.sluice.core.engine.PreparedTransform;
import dev.sluice.core.engine.TransformFactory;

/** Wires Braze into the engine: once the header is known, its typing and its transform. */
public final class BrazeDestination {
    private BrazeDestination() {
    }

    public static TransformFactory<BrazeObject> transforms(BrazeImportOptions options) {
        return header -> {
            BrazeTransform transform = BrazeTransform.create(header, options);
            return new PreparedTransform<>(transform.rowTyper(), transform);
        };
    }
}
