package dev.sluice.braze.sandbox;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user's attributes, kept as a flat name/value array rather than a map: a million profiles of
 * ten attributes must fit in about 1.5 GB, and a HashMap costs several times the references.
 * Values are never changed in place (lists and maps are replaced), so a snapshot may share them.
 * Not thread-safe: {@link ProfileStore} locks a profile while it is read or changed.
 */
final class Profile {

    private static final Object[] EMPTY = {};

    /** name0, value0, name1, value1, ...; exactly sized after each update. */
    private Object[] slots = EMPTY;
    private int size;
    private int events;
    private int purchases;

    Object get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : slots[i + 1];
    }

    void set(String name, Object value) {
        int i = indexOf(name);
        if (i >= 0) {
            slots[i + 1] = value;
            return;
        }
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, Math.max(4, 2 * slots.length));
        }
        slots[2 * size] = name;
        slots[2 * size + 1] = value;
        size++;
    }

    void remove(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return;
        }
        System.arraycopy(slots, i + 2, slots, i, 2 * size - i - 2);
        size--;
        slots[2 * size] = null;
        slots[2 * size + 1] = null;
    }

    /** Makes room for {@code more} new attributes at once, so one update copies the array once. */
    void reserve(int more) {
        int needed = 2 * (size + more);
        if (needed > slots.length) {
            slots = Arrays.copyOf(slots, needed);
        }
    }

    /** Gives back the room {@link #reserve} took but the update did not use. */
    void trim() {
        if (slots.length > 2 * size) {
            slots = size == 0 ? EMPTY : Arrays.copyOf(slots, 2 * size);
        }
    }

    void countEvent() {
        events++;
    }

    void countPurchase() {
        purchases++;
    }

    int events() {
        return events;
    }

    int purchases() {
        return purchases;
    }

    Map<String, Object> attributes() {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            copy.put((String) slots[2 * i], slots[2 * i + 1]);
        }
        return copy;
    }

    private int indexOf(String name) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (name.equals(slots[i])) {
                return i;
            }
        }
        return -1;
    }
}
