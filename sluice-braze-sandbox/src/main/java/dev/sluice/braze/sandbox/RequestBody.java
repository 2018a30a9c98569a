package dev.sluice.braze.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A request body read into a per-thread buffer: at 2,000 requests/s of 25 KB a fresh array per
 * request is 50 MB/s of garbage for nothing. The bytes are valid until the thread reads the next body.
 *
 * @param bytes  the buffer; only the first {@code length} bytes are the body
 * @param length the body's length
 */
record RequestBody(byte[] bytes, int length) {

    /** Bodies up to this size keep their buffer for the thread's next request. */
    private static final int KEPT_BUFFER = 1 << 20;

    /**
     * Unread bodies up to this size are read and thrown away so the connection stays usable;
     * larger ones close it.
     */
    static final long DRAIN_LIMIT = 64L << 20;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /** The declared Content-Length, or -1 when the body is chunked. */
    static long declaredLength(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        return value == null ? -1 : Long.parseLong(value.trim());
    }

    /**
     * Reads the whole body if it has at most {@code max} bytes.
     *
     * @return the body, or {@code null} when it is longer than {@code max} (then partly read)
     */
    static RequestBody read(HttpExchange exchange, long max) throws IOException {
        long declared = declaredLength(exchange);
        InputStream in = exchange.getRequestBody();
        if (declared >= 0) {
            return declared > max ? null : readExactly(in, (int) declared);
        }
        return readChunked(in, (int) max);
    }

    /** Reads and drops what is left of the body, up to {@link #DRAIN_LIMIT}; true if it all went. */
    static boolean drain(HttpExchange exchange) throws IOException {
        if (declaredLength(exchange) > DRAIN_LIMIT) {
            return false;
        }
        InputStream in = exchange.getRequestBody();
        byte[] sink = BUFFER.get();
        long drained = 0;
        for (int n; (n = in.read(sink)) >= 0; ) {
            drained += n;
            if (drained > DRAIN_LIMIT) {
                return false;
            }
        }
        return true;
    }

    private static RequestBody readExactly(InputStream in, int length) throws IOException {
        byte[] buffer = buffer(length);
        int n = in.readNBytes(buffer, 0, length);
        if (n < length) {
            throw new EOFException("the body ended after " + n + " of " + length + " bytes");
        }
        return new RequestBody(buffer, length);
    }

    private static RequestBody readChunked(InputStream in, int max) throws IOException {
        byte[] buffer = BUFFER.get();
        int length = 0;
        for (int n; (n = in.read(buffer, length, buffer.length - length)) >= 0; ) {
            length += n;
            if (length > max) {
                return null;
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, (long) max + 1));
            }
        }
        keep(buffer);
        return new RequestBody(buffer, length);
    }

    private static byte[] buffer(int length) {
        byte[] buffer = BUFFER.get();
        if (buffer.length >= length) {
            return buffer;
        }
        buffer = new byte[length];
        keep(buffer);
        return buffer;
    }

    private static void keep(byte[] buffer) {
        if (buffer.length <= KEPT_BUFFER) {
            BUFFER.set(buffer);
        }
    }
}
