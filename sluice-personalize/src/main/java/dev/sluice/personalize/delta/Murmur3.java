package dev.sluice.personalize.delta;

/**
 * MurmurHash3, x64 128-bit variant (Austin Appleby's public-domain algorithm), written from its
 * description: a fast, well-distributed fingerprint of a row's bytes. Not a cryptographic hash; two
 * different rows share a fingerprint with a probability of about n²/2¹²⁹ (10⁻²⁶ for a million rows).
 */
public final class Murmur3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {
    }

    /** The two 64-bit halves, h1 first, of the hash of {@code data[offset, offset + length)}. */
    public static long[] hash128(byte[] data, int offset, int length, long seed) {
        long h1 = seed;
        long h2 = seed;
        int blocks = length / 16;
        for (int i = 0; i < blocks; i++) {
            int at = offset + i * 16;
            long k1 = littleEndian(data, at);
            long k2 = littleEndian(data, at + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = offset + blocks * 16;
        int rest = length & 15;
        long k1 = 0;
        long k2 = 0;
        for (int i = rest - 1; i >= 8; i--) {
            k2 ^= (data[tail + i] & 0xffL) << ((i - 8) * 8);
        }
        for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
            k1 ^= (data[tail + i] & 0xffL) << (i * 8);
        }
        if (rest > 8) {
            h2 ^= mixK2(k2);
        }
        if (rest > 0) {
            h1 ^= mixK1(k1);
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static long littleEndian(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24
                | (b[at + 4] & 0xffL) << 32 | (b[at + 5] & 0xffL) << 40 | (b[at + 6] & 0xffL) << 48
                | (b[at + 7] & 0xffL) << 56;
    }
}
