package dev.sluice.braze.payload;

import dev.sluice.core.engine.SinkItem;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One /users/track attributes object, already JSON-encoded (UTF-8), ready to be joined with commas
 * into {@code {"attributes":[...]}}.
 *
 * @param orderingKey    the user's identity ({@code e:<external_id>}, {@code b:<braze_id>},
 *                       {@code a:<label>\u0000<name>}, {@code m:<email, lower case>},
 *                       {@code p:<phone>}), so that rows for one user are never in flight at once
 * @param json           the encoded object; not copied, do not modify
 * @param attributeCount attributes sent (identifier keys and {@code _update_existing_only} not
 *                       counted; a nested object counts as one), to estimate data points
 */
public record BrazeObject(String orderingKey, byte[] json, int attributeCount) implements SinkItem {

    /** The object's bytes plus the comma that separates it from the next one. */
    @Override
    public int sizeBytes() {
        return json.length + 1;
    }

    /** The JSON as text. */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrazeObject b && b.orderingKey.equals(orderingKey) && Arrays.equals(b.json, json)
                && b.attributeCount == attributeCount;
    }

    @Override
    public int hashCode() {
        return orderingKey.hashCode() * 31 + Arrays.hashCode(json);
    }

    @Override
    public String toString() {
        return "BrazeObject[" + jsonText() + ", attributes=" + attributeCount + "]";
    }
}
