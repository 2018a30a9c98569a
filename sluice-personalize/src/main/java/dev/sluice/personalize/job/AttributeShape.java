package dev.sluice.personalize.job;

import java.util.Locale;

/** How a row's recommendations become Braze custom attributes. */
public enum AttributeShape {
    /**
     * One array of objects, {@code <prefix>recommendations: [{itemId, name, ...}, ...]}: every item keeps
     * its fields together, in rank order (recommended).
     */
    OBJECTS,
    /**
     * The seed's shape: one array per field, {@code <prefix>itemId: [...]}, {@code <prefix>name: [...]}.
     * Braze keeps only the unique values of an array attribute and at most 25 (up to 100) of them, so
     * two items with the same category make the arrays lose their alignment.
     */
    ARRAYS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttributeShape parse(String text) {
        for (AttributeShape s : values()) {
            if (s.configName().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new JobConfigException("attributeShape must be \"objects\" or \"arrays\", not \"" + text + "\"");
    }
}
