package dev.sluice.personalize.run;

import dev.sluice.personalize.decorate.Json;
import dev.sluice.personalize.delta.Murmur3;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Canonical rows of one block for one connector, packed in one byte array with their fingerprints
 * (no object per row). A canonical row is what the delta check compares and the state remembers:
 * {@code {"queryItemId":…,"userId":…,"recommendations":[…]}} or {@code {"queryUserId":…,"recommendations":[…]}},
 * without {@code jobInfo} or {@code syncDirectives}.
 */
final class Rows {
    private final Buffer data = new Buffer();
    private int[] ends = new int[64];
    private long[] fingerprints = new long[128];
    private int count;

    void add(String rowKey, String query, String userId, byte[] recommendations) {
        int start = data.size();
        data.write('{');
        Json.name(data, rowKey);
        Json.string(data, query);
        data.write(',');
        if (userId != null) {
            Json.name(data, "userId");
            Json.string(data, userId);
            data.write(',');
        }
        Json.name(data, "recommendations");
        data.writeBytes(recommendations);
        data.write('}');
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
            fingerprints = Arrays.copyOf(fingerprints, count * 4);
        }
        long[] h = Murmur3.hash128(data.bytes(), start, data.size() - start, 0);
        ends[count] = data.size();
        fingerprints[2 * count] = h[0];
        fingerprints[2 * count + 1] = h[1];
        count++;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int end(int i) {
        return ends[i];
    }

    long h1(int i) {
        return fingerprints[2 * i];
    }

    long h2(int i) {
        return fingerprints[2 * i + 1];
    }

    byte[] bytes() {
        return data.bytes();
    }

    /** A ByteArrayOutputStream whose array can be read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 14);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
