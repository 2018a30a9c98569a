package dev.sluice.core.csv;

/**
 * Counts physical lines the way the reader does: LF, CRLF and a lone CR each end one line, inside
 * quoted fields too, so line numbers match what an editor shows.
 */
final class LineBreaks {
    static final byte LF = '\n';
    static final byte CR = '\r';

    private LineBreaks() {
    }

    static int count(byte[] bytes, int from, int to) {
        int breaks = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == CR || (b == LF && (i == from || bytes[i - 1] != CR))) {
                breaks++;
            }
        }
        return breaks;
    }
}
