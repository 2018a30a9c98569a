package dev.sluice.braze.payload;

/**
 * Braze's documented limits on attribute values (braze.md 2.8), checked before sending so that a
 * value Braze would truncate, drop or store differently is rejected with its column instead.
 *
 * @param maxStringLength most characters (Unicode code points) in a string value, also inside arrays
 *                        and nested objects, and in a nested key
 * @param maxArrayItems   most items in an array of scalars (arrays of objects have no count limit)
 * @param maxArrayBytes   most bytes of an encoded array
 * @param maxObjectBytes  most bytes of an encoded nested object
 * @param minYear         earliest year of a time value (Braze stores other years as strings)
 * @param maxYear         latest year of a time value
 */
public record BrazeLimits(int maxStringLength, int maxArrayItems, int maxArrayBytes, int maxObjectBytes,
                          int minYear, int maxYear) {

    public BrazeLimits {
        if (maxStringLength < 1 || maxArrayItems < 0 || maxArrayBytes < 2 || maxObjectBytes < 2) {
            throw new IllegalArgumentException("bad Braze limits: " + maxStringLength + ", " + maxArrayItems + ", "
                    + maxArrayBytes + ", " + maxObjectBytes);
        }
        if (minYear < 0 || minYear > maxYear || maxYear > 9999) {
            throw new IllegalArgumentException("bad Braze year range " + minYear + ".." + maxYear);
        }
    }

    /** 255 characters, 500 items, 100 KiB per array and per object, years 0 to 3000. */
    public static BrazeLimits defaults() {
        return new BrazeLimits(255, 500, 100 * 1024, 100 * 1024, 0, 3000);
    }

    public BrazeLimits withMaxArrayItems(int items) {
        return new BrazeLimits(maxStringLength, items, maxArrayBytes, maxObjectBytes, minYear, maxYear);
    }
}
