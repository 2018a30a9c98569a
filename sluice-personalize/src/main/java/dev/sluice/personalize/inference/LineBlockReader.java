package dev.sluice.personalize.inference;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into {@link LineBlock}s of about {@code blockBytes}, each ending at a line break, so
 * that several threads can parse one file. A line longer than a block makes its block larger.
 */
public final class LineBlockReader implements Closeable {
    private final InputStream in;
    private final String file;
    private final int blockBytes;
    private byte[] carry = new byte[0];
    private int carryLength;
    private long nextLine = 1;
    private boolean eof;

    public LineBlockReader(InputStream in, String file, int blockBytes) {
        this.in = in;
        this.file = file;
        this.blockBytes = blockBytes;
    }

    /** The next block, or null at the end of the stream. */
    public LineBlock next() throws IOException {
        if (eof && carryLength == 0) {
            return null;
        }
        byte[] buffer = new byte[Math.max(blockBytes, carryLength * 2)];
        System.arraycopy(carry, 0, buffer, 0, carryLength);
        int filled = carryLength;
        int cut;
        while (true) {
            int scanFrom = filled; // the carry and what was scanned before hold no line break
            while (!eof && filled < buffer.length) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
            }
            cut = lastLineBreak(buffer, scanFrom, filled);
            if (cut >= 0) {
                break;
            }
            if (eof) {
                cut = filled - 1; // the last line has no line break (or there is nothing left)
                break;
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2); // one line longer than the buffer
        }
        int length = cut + 1;
        carryLength = filled - length;
        if (carry.length < carryLength) {
            carry = new byte[Math.max(carryLength, 64 * 1024)];
        }
        System.arraycopy(buffer, length, carry, 0, carryLength);
        LineBlock block = new LineBlock(file, buffer, length, nextLine);
        nextLine += lines(buffer, length);
        return length == 0 ? null : block;
    }

    private static int lastLineBreak(byte[] buffer, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long lines(byte[] data, int length) {
        long n = 0;
        for (int i = 0; i < length; i++) {
            if (data[i] == '\n') {
                n++;
            }
        }
        return length > 0 && data[length - 1] != '\n' ? n + 1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
