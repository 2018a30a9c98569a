package dev.sluice.braze;

import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.payload.BrazeTransform;
import dev.sluice.core.engine.PreparedTransform;
import dev.sluice.core.engine.TransformFactory;
import java.util.function.Consumer;

/** Wires Braze into the engine: once the header is known, its typing and its transform. */
public final class BrazeDestination {
    private BrazeDestination() {
    }

    /** {@code warnings} hears about header names that look like a mistake (e.g. {@code External_ID}). */
    public static TransformFactory<BrazeObject> transforms(BrazeImportOptions options, Consumer<String> warnings) {
        return header -> {
            BrazeTransform transform = BrazeTransform.create(header, options);
            transform.warnings().forEach(warnings);
            return new PreparedTransform<>(transform.rowTyper(), transform);
        };
    }
}
