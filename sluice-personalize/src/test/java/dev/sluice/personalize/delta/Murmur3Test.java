package dev.sluice.personalize.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hash is MurmurHash3_x64_128 (SMHasher's verification value), and the set keeps what it is given. */
class Murmur3Test {

    /**
     * SMHasher's check: hash the keys {}, {0}, {0,1}, … {0..254} with seed 256 - length, hash the 256
     * concatenated 16-byte results with seed 0, and the first four bytes (little-endian) are 0x6384BA69.
     */
    @Test
    void matchesTheReferenceVerificationValue() {
        byte[] key = new byte[256];
        byte[] hashes = new byte[256 * 16];
        for (int i = 0; i < 256; i++) {
            key[i] = (byte) i;
            long[] h = Murmur3.hash128(key, 0, i, 256 - i);
            for (int b = 0; b < 8; b++) {
                hashes[i * 16 + b] = (byte) (h[0] >>> (8 * b));
                hashes[i * 16 + 8 + b] = (byte) (h[1] >>> (8 * b));
            }
        }
        long[] result = Murmur3.hash128(hashes, 0, hashes.length, 0);
        assertThat((int) result[0]).isEqualTo(0x6384BA69);
    }

    @Test
    void anOffsetHashesTheSameBytes() {
        byte[] row = "{\"queryUserId\":\"1\",\"recommendations\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[row.length + 7];
        System.arraycopy(row, 0, padded, 3, row.length);
        assertThat(Murmur3.hash128(padded, 3, row.length, 0)).containsExactly(Murmur3.hash128(row, 0, row.length, 0));
    }

    @Test
    void theSetGrowsAndKeepsEveryFingerprintIncludingZero() {
        FingerprintSet set = new FingerprintSet(4);
        for (long i = 0; i < 10_000; i++) {
            assertThat(set.add(i * 31, i)).isTrue();
        }
        assertThat(set.add(0, 0)).isFalse(); // i = 0 added (0, 0), kept as (0, 1)
        assertThat(set.size()).isEqualTo(10_000);
        for (long i = 0; i < 10_000; i++) {
            assertThat(set.contains(i * 31, i)).isTrue();
            assertThat(set.add(i * 31, i)).isFalse();
        }
        assertThat(set.contains(5, 5)).isFalse();
    }
}
