package dev.sluice.personalize.delta;

/**
 * A set of 128-bit fingerprints in two primitive arrays (open addressing, linear probing, at most
 * two-thirds full): 24–48 bytes per fingerprint, no object per entry. (0, 0) marks a free slot, so
 * the fingerprint (0, 0) is stored as (0, 1).
 */
public final class FingerprintSet {
    private long[] high;
    private long[] low;
    private int size;

    public FingerprintSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 3 / 2)) << 1;
        high = new long[capacity];
        low = new long[capacity];
    }

    public boolean contains(long h1, long h2) {
        if (h1 == 0 && h2 == 0) {
            h2 = 1;
        }
        int mask = high.length - 1;
        for (int i = slot(h1, mask); ; i = (i + 1) & mask) {
            if (high[i] == h1 && low[i] == h2) {
                return true;
            }
            if (high[i] == 0 && low[i] == 0) {
                return false;
            }
        }
    }

    /** Adds a fingerprint; false when it was already there. */
    public boolean add(long h1, long h2) {
        if (h1 == 0 && h2 == 0) {
            h2 = 1;
        }
        if ((size + 1) * 3L > high.length * 2L) {
            grow();
        }
        int mask = high.length - 1;
        for (int i = slot(h1, mask); ; i = (i + 1) & mask) {
            if (high[i] == h1 && low[i] == h2) {
                return false;
            }
            if (high[i] == 0 && low[i] == 0) {
                high[i] = h1;
                low[i] = h2;
                size++;
                return true;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Calls {@code visitor} with each fingerprint, without boxing. */
    public void visit(Visitor visitor) throws java.io.IOException {
        for (int i = 0; i < high.length; i++) {
            if (high[i] != 0 || low[i] != 0) {
                visitor.fingerprint(high[i], low[i]);
            }
        }
    }

    @FunctionalInterface
    public interface Visitor {
        void fingerprint(long h1, long h2) throws java.io.IOException;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        high = new long[oldHigh.length * 2];
        low = new long[oldLow.length * 2];
        size = 0;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                add(oldHigh[i], oldLow[i]);
            }
        }
    }

    private static int slot(long h1, int mask) {
        return (int) (h1 ^ (h1 >>> 32)) & mask;
    }
}
