package dev.sluice.core.typing;

import java.util.Locale;

/**
 * How the cells of one column are typed. {@link #AUTO} infers a type per cell with rules that never
 * change what the cell says (see {@link ValueInference}); every other type replaces inference: the
 * cell must parse as that type, or the row is rejected (see {@link ValueParsers}).
 */
public enum ColumnType {
    /** Per-cell inference: integers, decimals, booleans, lists; anything else stays a string. */
    AUTO,
    /** The cell as it was read, unstripped. */
    STRING,
    /** A signed 64-bit integer; leading zeros allowed; a fraction other than zeros is an error. */
    INT,
    /** An exact decimal number; exponents allowed. */
    FLOAT,
    /** true/false, 1/0, yes/no (any case). */
    BOOL,
    /** A date or date-time, normalised to a UTC instant. */
    TIME,
    /** A JSON array or a Python list literal. */
    ARRAY,
    /** A JSON object or a Python dict literal. */
    OBJECT;

    private static final String CHOICES = "string, int, float, bool, time, array, object, auto";

    /**
     * Parses a type name as a user writes it: {@code string, int (integer), float, bool (boolean),
     * time, array, object, auto}, in any case, surrounding blanks ignored.
     *
     * @throws IllegalArgumentException naming the bad value and listing the choices
     */
    public static ColumnType parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "auto": return AUTO;
            case "string": case "str": return STRING;
            case "int": case "integer": return INT;
            case "float": return FLOAT;
            case "bool": case "boolean": return BOOL;
            case "time": return TIME;
            case "array": return ARRAY;
            case "object": return OBJECT;
            default:
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("the type is empty; choose one of " + CHOICES);
                }
                throw new IllegalArgumentException("unknown type '" + s.trim() + "'; choose one of " + CHOICES);
        }
    }

    /** The name users write, e.g. {@code int}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
