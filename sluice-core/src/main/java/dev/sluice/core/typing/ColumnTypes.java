package dev.sluice.core.typing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Parses per-column type settings as users write them on the command line or in configuration. */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /**
     * Parses entries of the form {@code column=type}. An entry may also hold several comma-separated
     * settings ({@code a=int,b=float}, the reference importer's {@code TYPE_CAST} format), so a column
     * whose name contains a comma cannot be typed here. Blanks around names and types are ignored and
     * blank entries are skipped.
     *
     * @return column → type, in the order given
     * @throws IllegalArgumentException naming the bad entry: not exactly one {@code =}, an empty
     *                                  column or type, an unknown type, or a column typed twice
     */
    public static Map<String, ColumnType> parse(List<String> specs) {
        return parse(specs, ColumnType::parse, ColumnType::label, "zip=string");
    }

    /**
     * The same entry syntax for any destination's own type names (DynamoDB's S, N, SS…): {@code parser}
     * reads a type name, {@code label} names a type in messages, {@code example} shows a good entry.
     */
    public static <T> Map<String, T> parse(List<String> specs, Function<String, T> parser, Function<T, String> label,
            String example) {
        Map<String, T> types = new LinkedHashMap<>();
        if (specs == null) {
            return Map.of();
        }
        for (String spec : specs) {
            if (spec == null) {
                continue;
            }
            for (String entry : spec.split(",", -1)) {
                String e = entry.trim();
                if (!e.isEmpty()) {
                    add(types, e, parser, label, example);
                }
            }
        }
        return Collections.unmodifiableMap(types);
    }

    private static <T> void add(Map<String, T> types, String e, Function<String, T> parser, Function<T, String> label,
            String example) {
        int eq = e.indexOf('=');
        if (eq < 0 || e.indexOf('=', eq + 1) >= 0) {
            throw new IllegalArgumentException("bad --type entry '" + e + "': expected column=type, e.g. " + example);
        }
        String column = e.substring(0, eq).trim();
        if (column.isEmpty()) {
            throw new IllegalArgumentException("bad --type entry '" + e + "': the column name is empty");
        }
        T type;
        try {
            type = parser.apply(e.substring(eq + 1).trim());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("bad --type entry '" + e + "': " + ex.getMessage(), ex);
        }
        T earlier = types.putIfAbsent(column, type);
        if (earlier != null) {
            throw new IllegalArgumentException("bad --type entry '" + e + "': column '" + column
                    + "' already has type " + label.apply(earlier));
        }
    }
}
