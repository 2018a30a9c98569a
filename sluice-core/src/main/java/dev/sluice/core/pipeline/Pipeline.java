package dev.sluice.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One named pipeline of a pipelines file.
 *
 * @param name        matches {@code [a-z0-9_-]+}
 * @param source      where its files come from; never null
 * @param format      how to read them; never null ({@link Format#DEFAULT} when not written)
 * @param types       column → type name as written ({@code --type COL=TYPE}), in file order; the destination
 *                    checks the names. Empty when not set, never null
 * @param destination where the rows go; never null
 */
public record Pipeline(String name, Source source, Format format, Map<String, String> types, Destination destination) {

    public Pipeline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        format = format == null ? Format.DEFAULT : format;
        types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }
}
