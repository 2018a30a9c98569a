package dev.sluice.personalize.inference;

/**
 * Whole lines of a JSON Lines file: {@code data[0, length)} ends with a line break (or the file's end).
 *
 * @param file      the file's name, for messages
 * @param firstLine the 1-based line number of the first line in the block
 */
public record LineBlock(String file, byte[] data, int length, long firstLine) {

    /** Calls {@code visitor} with each non-blank line, without its line break (LF or CRLF). */
    public void forEachLine(LineVisitor visitor) {
        long line = firstLine;
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && data[end] != '\n') {
                end++;
            }
            int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
            if (!blank(start, stop)) {
                visitor.line(line, data, start, stop - start);
            }
            line++;
            start = end + 1;
        }
    }

    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    public interface LineVisitor {
        void line(long number, byte[] bytes, int offset, int length);
    }
}
