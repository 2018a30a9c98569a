package dev.sluice.core.csv;

import java.io.InputStream;
import java.util.Random;
import java.util.function.IntSupplier;

/** Serves bytes in reads of chosen sizes, so records straddle reads at every possible byte. */
final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final IntSupplier chunkSize;
    private int pos;

    private ChunkedInputStream(byte[] data, IntSupplier chunkSize) {
        this.data = data;
        this.chunkSize = chunkSize;
    }

    static ChunkedInputStream oneByteAtATime(byte[] data) {
        return new ChunkedInputStream(data, () -> 1);
    }

    static ChunkedInputStream randomChunks(byte[] data, long seed, int maxChunk) {
        Random random = new Random(seed);
        return new ChunkedInputStream(data, () -> 1 + random.nextInt(maxChunk));
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos == data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, chunkSize.getAsInt()), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
