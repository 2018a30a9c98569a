package dev.sluice.braze.sandbox;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Braze's update semantics for one attribute: set, {@code null} removes, {@code {"inc": n}},
 * {@code {"add": [...]}} / {@code {"remove": [...]}} on arrays, and nested objects that replace
 * or, with {@code _merge_objects}, deep-merge. Stored lists and maps are always new copies, never
 * the parsed ones changed in place, so {@link Profile} values can be shared by snapshots.
 */
final class AttributeWriter {

    /** Braze truncates longer strings (attribute values, nested values, array items). */
    static final int MAX_STRING_LENGTH = 255;

    private final LongAdder valuesTruncated;

    AttributeWriter(LongAdder valuesTruncated) {
        this.valuesTruncated = valuesTruncated;
    }

    void write(Profile profile, String name, Object value, boolean mergeObjects) {
        if (value == null) {
            profile.remove(name);
        } else if (value instanceof List<?> items) {
            profile.set(name, unique(List.of(), items));
        } else if (value instanceof Map<?, ?> map) {
            profile.set(name, objectUpdate(profile.get(name), map, mergeObjects));
        } else {
            profile.set(name, stored(value));
        }
    }

    private Object objectUpdate(Object current, Map<?, ?> update, boolean mergeObjects) {
        if (update.size() == 1 && update.get("inc") instanceof Number step) {
            return increment(current, step);
        }
        if (isArrayOperation(update)) {
            return arrayOperation(current, update);
        }
        if (mergeObjects && current instanceof Map<?, ?> old) {
            return merged(old, update);
        }
        return stored(update);
    }

    private static boolean isArrayOperation(Map<?, ?> update) {
        for (Map.Entry<?, ?> e : update.entrySet()) {
            boolean operation = e.getKey().equals("add") || e.getKey().equals("remove");
            if (!operation || !(e.getValue() instanceof List)) {
                return false;
            }
        }
        return !update.isEmpty();
    }

    /** Applies add and remove in the order the request gives them; each makes a new list. */
    private List<?> arrayOperation(Object current, Map<?, ?> update) {
        List<?> items = current instanceof List<?> list ? list : List.of();
        for (Map.Entry<?, ?> e : update.entrySet()) {
            List<?> operand = (List<?>) e.getValue();
            if (e.getKey().equals("add")) {
                items = unique(items, operand);
            } else {
                Set<Object> removed = new LinkedHashSet<>(items);
                removed.removeAll(storedItems(operand));
                items = new ArrayList<>(removed);
            }
        }
        return items;
    }

    /** Array attributes hold unique values; adding a value already there moves it to the end. */
    private List<Object> unique(List<?> existing, List<?> added) {
        Set<Object> values = new LinkedHashSet<>(existing);
        for (Object item : storedItems(added)) {
            values.remove(item);
            values.add(item);
        }
        return new ArrayList<>(values);
    }

    private List<Object> storedItems(List<?> items) {
        List<Object> copy = new ArrayList<>(items.size());
        items.forEach(item -> copy.add(stored(item)));
        return copy;
    }

    private static Number increment(Object current, Number step) {
        if (!(current instanceof Number base)) {
            return step;
        }
        if (base instanceof Long a && step instanceof Long b) {
            long sum = a + b;
            // overflow only if both operands have the same sign and the sum's sign differs
            if (((a ^ sum) & (b ^ sum)) >= 0) {
                return sum;
            }
        }
        return decimal(base).add(decimal(step));
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** Deep merge: nested maps merge, {@code null} removes a key, anything else replaces. */
    private Map<Object, Object> merged(Map<?, ?> old, Map<?, ?> update) {
        Map<Object, Object> result = new LinkedHashMap<>(old);
        for (Map.Entry<?, ?> e : update.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                result.remove(e.getKey());
            } else if (value instanceof Map<?, ?> inner && result.get(e.getKey()) instanceof Map<?, ?> before) {
                result.put(e.getKey(), merged(before, inner));
            } else {
                result.put(e.getKey(), stored(value));
            }
        }
        return result;
    }

    /** A copy fit to store: strings truncated, lists and maps copied. */
    private Object stored(Object value) {
        if (value instanceof String s) {
            return truncated(s);
        }
        if (value instanceof List<?> list) {
            return storedItems(list);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, stored(v)));
            return copy;
        }
        return value;
    }

    private String truncated(String s) {
        if (s.length() <= MAX_STRING_LENGTH || s.codePointCount(0, s.length()) <= MAX_STRING_LENGTH) {
            return s;
        }
        valuesTruncated.increment();
        return s.substring(0, s.offsetByCodePoints(0, MAX_STRING_LENGTH));
    }
}
