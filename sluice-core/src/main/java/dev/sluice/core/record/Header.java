package dev.sluice.core.record;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column names of a file, in file order. Empty or duplicate names are refused: a header that
 * cannot name every column unambiguously would silently drop or mix up data.
 */
public final class Header {
    private final List<String> names;
    private final Map<String, Integer> index;

    private Header(List<String> names, Map<String, Integer> index) {
        this.names = names;
        this.index = index;
    }

    /** Builds a header, or throws {@link HeaderException} naming the first bad column (1-based). */
    public static Header of(List<String> names) {
        if (names.isEmpty()) {
            throw new HeaderException("the header has no columns");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new HeaderException("column " + (i + 1) + " has an empty header name");
            }
            Integer earlier = index.putIfAbsent(name, i);
            if (earlier != null) {
                throw new HeaderException("duplicate header name '" + name + "' in columns " + (earlier + 1) + " and " + (i + 1));
            }
        }
        return new Header(List.copyOf(names), Map.copyOf(index));
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String name(int column) {
        return names.get(column);
    }

    /** The 0-based index of a column, or -1 when the header has no such column. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && h.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
