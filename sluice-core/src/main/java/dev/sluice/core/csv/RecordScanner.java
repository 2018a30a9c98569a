package dev.sluice.core.csv;

import static dev.sluice.core.csv.LineBreaks.CR;
import static dev.sluice.core.csv.LineBreaks.LF;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the records of a CSV byte stream and the byte range of each field, keeping the object offset
 * and the physical line of every record. Works on bytes, not chars: the delimiter, the quote, CR and
 * LF are ASCII, and no ASCII byte occurs inside a multi-byte UTF-8 character.
 *
 * <p>The scan is a state machine that can stop at any byte when the buffer runs dry and go on after a
 * refill, so records may straddle reads of any size. The record being scanned always stays in the
 * buffer (from {@link #recordStart()}), which grows up to the record size limit when one record does
 * not fit.
 *
 * <p>Blank lines (nothing between two line terminators) are skipped before a record starts, so they
 * lie between the end of one record and the start of the next.
 */
final class RecordScanner {
    static final byte PLAIN = 0;
    /** Enclosed in quotes with no quote inside: the value is the bytes between them. */
    static final byte QUOTED = 1;
    /** Quoted with doubled quotes inside, or malformed: the value must be unquoted byte by byte. */
    static final byte ESCAPED = 2;

    private static final int INITIAL_BUFFER_BYTES = 128 * 1024;
    private static final int INITIAL_FIELDS = 32;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED_TEXT = 2;
    /** Just after a quote inside a quoted field: a second quote, a delimiter or a line end may follow. */
    private static final int AFTER_QUOTE = 3;
    /** A record ended with CR at the end of the buffer: the next byte tells whether it was CRLF. */
    private static final int AFTER_CR = 4;

    private final InputStream in;
    private final String sourceName;
    private final byte delimiter;
    private final byte quote;
    private final int maxRecordBytes;

    private byte[] buf = new byte[INITIAL_BUFFER_BYTES];
    private int limit;
    private long bufOffset;
    private boolean eof;

    private int pos;
    private long line;
    private int state;

    private int recordStart;
    private int recordEnd;
    private long recordLine;
    private int fieldCount;
    private int[] fieldStarts = new int[INITIAL_FIELDS];
    private int[] fieldEnds = new int[INITIAL_FIELDS];
    private byte[] fieldKinds = new byte[INITIAL_FIELDS];
    private int fieldStart;
    private byte fieldKind;
    private long quoteLine;
    /** The record's first syntax error, kept as facts: its message is built once the whole record is buffered. */
    private int errorColumn;
    private long errorCharOffset;
    private long errorQuoteLine;

    RecordScanner(InputStream in, String sourceName, CsvOptions options, long offset, long line) {
        this.in = in;
        this.sourceName = sourceName;
        this.delimiter = (byte) options.delimiter();
        this.quote = (byte) options.quote();
        this.maxRecordBytes = options.maxRecordBytes();
        this.bufOffset = offset;
        this.line = line;
    }

    /** At byte 0 of an object: steps over a UTF-8 byte order mark, which still counts in offsets. */
    void skipByteOrderMark() throws IOException {
        while (limit < 3 && fill()) {
            // a BOM may arrive one byte per read
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            pos = 3;
        }
    }

    /** Scans the next record, skipping blank lines; false at the end of the stream. */
    boolean nextRecord() throws IOException {
        beginRecord();
        while (!scan()) {
            if (!fill()) {
                return finishAtEndOfStream() && checkedLength();
            }
        }
        return checkedLength();
    }

    byte[] buffer() {
        return buf;
    }

    int recordStart() {
        return recordStart;
    }

    /** Index just after the record's last byte, before its line terminator. */
    int recordEnd() {
        return recordEnd;
    }

    long recordLine() {
        return recordLine;
    }

    /** The physical line at the scan position: after a record, the line just past its terminator. */
    long line() {
        return line;
    }

    long startOffset() {
        return bufOffset + recordStart;
    }

    /** Object offset just after the record's line terminator. */
    long endOffset() {
        return bufOffset + pos;
    }

    int fieldCount() {
        return fieldCount;
    }

    int fieldStart(int i) {
        return fieldStarts[i];
    }

    int fieldEnd(int i) {
        return fieldEnds[i];
    }

    byte fieldKind(int i) {
        return fieldKinds[i];
    }

    /** Null, or the record's first syntax error, starting with its 1-based column. */
    String syntaxError() {
        if (errorColumn == 0) {
            return null;
        }
        String what = errorCharOffset < 0
                ? "unterminated quoted field (the quote opened on line " + errorQuoteLine + ")"
                : "unexpected character " + describe((int) (errorCharOffset - bufOffset)) + " after closing quote";
        return "column " + errorColumn + ": " + what;
    }

    private void beginRecord() {
        recordStart = pos;
        recordLine = line;
        fieldCount = 0;
        errorColumn = 0;
        state = FIELD_START;
    }

    /** True when a record ended; false when the buffer ran dry first. */
    private boolean scan() {
        while (pos < limit) {
            boolean ended = switch (state) {
                case FIELD_START -> startField();
                case UNQUOTED -> scanUnquoted();
                case QUOTED_TEXT -> scanQuoted();
                case AFTER_QUOTE -> afterQuote();
                case AFTER_CR -> endRecord(buf[pos] == LF ? pos + 1 : pos);
                default -> throw new IllegalStateException("scanner state " + state);
            };
            if (ended) {
                return true;
            }
        }
        return false;
    }

    private boolean startField() {
        fieldStart = pos;
        if (buf[pos] == quote) {
            fieldKind = QUOTED;
            quoteLine = line;
            pos++;
            state = QUOTED_TEXT;
            return false;
        }
        fieldKind = PLAIN;
        state = UNQUOTED;
        return scanUnquoted();
    }

    /** Scans unquoted fields, going straight on to the next field unless it starts with a quote. */
    private boolean scanUnquoted() {
        final byte[] buf = this.buf;
        final int limit = this.limit;
        final byte delimiter = this.delimiter;
        int p = pos;
        while (p < limit) {
            byte b = buf[p];
            if ((b & 0xFF) > CR && b != delimiter) { // the common case first: one test for most bytes
                p++;
            } else if (b == delimiter) {
                addField(p);
                p++;
                if (p == limit || buf[p] == quote) {
                    pos = p;
                    state = FIELD_START;
                    return false;
                }
                fieldStart = p;
                fieldKind = PLAIN;
            } else if (b == LF || b == CR) {
                addField(p);
                return lineEnd(p);
            } else {
                p++;
            }
        }
        pos = p;
        return false;
    }

    private boolean scanQuoted() {
        final byte[] buf = this.buf;
        final int limit = this.limit;
        final byte quote = this.quote;
        long lines = line;
        int p = pos;
        for (; p < limit; p++) {
            byte b = buf[p];
            if (b == quote) {
                state = AFTER_QUOTE;
                p++;
                break;
            }
            // buf[p - 1] is at worst the opening quote, always still in the buffer
            if (b == CR || (b == LF && buf[p - 1] != CR)) {
                lines++;
            }
        }
        line = lines;
        pos = p;
        return false;
    }

    private boolean afterQuote() {
        byte b = buf[pos];
        if (b == quote) {
            fieldKind = ESCAPED;
            pos++;
            state = QUOTED_TEXT;
            return false;
        }
        if (b == delimiter) {
            addField(pos);
            pos++;
            state = FIELD_START;
            return false;
        }
        if (b == LF || b == CR) {
            addField(pos);
            return lineEnd(pos);
        }
        reportSyntaxError(bufOffset + pos);
        // best effort: the rest up to the delimiter is kept as text
        fieldKind = ESCAPED;
        state = UNQUOTED;
        return false;
    }

    /** {@code p} holds the CR or LF that ends the record; the last field is already added. */
    private boolean lineEnd(int p) {
        recordEnd = p;
        if (buf[p] == LF) {
            return endRecord(p + 1);
        }
        if (p + 1 < limit) {
            return endRecord(buf[p + 1] == LF ? p + 2 : p + 1);
        }
        pos = p + 1;
        state = AFTER_CR;
        return false;
    }

    /** The terminator ends before {@code next}; a blank line restarts the record after it. */
    private boolean endRecord(int next) {
        pos = next;
        line++;
        boolean blank = fieldCount == 1 && fieldKinds[0] == PLAIN && fieldEnds[0] == fieldStarts[0];
        if (blank) {
            beginRecord();
            return false;
        }
        return true;
    }

    private boolean finishAtEndOfStream() {
        switch (state) {
            case FIELD_START -> {
                if (fieldCount == 0) {
                    return false;
                }
                // a trailing delimiter: the last field is empty
                fieldStart = pos;
                fieldKind = PLAIN;
                addField(pos);
            }
            case UNQUOTED, AFTER_QUOTE -> addField(pos);
            case QUOTED_TEXT -> {
                reportSyntaxError(-1);
                fieldKind = ESCAPED;
                addField(pos);
            }
            case AFTER_CR -> {
                return endRecord(pos);
            }
            default -> throw new IllegalStateException("scanner state " + state);
        }
        recordEnd = pos;
        return true;
    }

    private void addField(int end) {
        if (fieldCount == fieldStarts.length) {
            int capacity = fieldCount * 2;
            fieldStarts = Arrays.copyOf(fieldStarts, capacity);
            fieldEnds = Arrays.copyOf(fieldEnds, capacity);
            fieldKinds = Arrays.copyOf(fieldKinds, capacity);
        }
        fieldStarts[fieldCount] = fieldStart;
        fieldEnds[fieldCount] = end;
        fieldKinds[fieldCount] = fieldKind;
        fieldCount++;
    }

    /** @param charOffset the unexpected character, or -1 for an unterminated quote */
    private void reportSyntaxError(long charOffset) {
        if (errorColumn == 0) {
            errorColumn = fieldCount + 1;
            errorCharOffset = charOffset;
            errorQuoteLine = quoteLine;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (limit == buf.length) {
            makeRoom();
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** Drops the bytes of finished records and, when the current one fills much of the buffer, grows it. */
    private void makeRoom() throws CsvFormatException {
        int held = limit - recordStart;
        if (held > maxRecordBytes + 1) { // + 1: a final CR may still wait for its LF
            throw recordTooLong();
        }
        if (recordStart > 0) {
            System.arraycopy(buf, recordStart, buf, 0, held);
            shiftLeft(recordStart);
        }
        if (held > buf.length / 2) {
            int capacity = (int) Math.min(2L * buf.length, maxRecordBytes + 2L);
            if (capacity > buf.length) {
                buf = Arrays.copyOf(buf, capacity);
            }
        }
    }

    private void shiftLeft(int by) {
        bufOffset += by;
        limit -= by;
        pos -= by;
        recordStart -= by;
        recordEnd -= by;
        fieldStart -= by;
        for (int i = 0; i < fieldCount; i++) {
            fieldStarts[i] -= by;
            fieldEnds[i] -= by;
        }
    }

    private boolean checkedLength() throws CsvFormatException {
        if (recordEnd - recordStart > maxRecordBytes) {
            throw recordTooLong();
        }
        return true;
    }

    private CsvFormatException recordTooLong() {
        return new CsvFormatException(sourceName + ": line " + recordLine + ", column " + columnAtLimit()
                + " (the record starts at byte " + startOffset() + "): record longer than " + maxRecordBytes
                + " bytes; an unbalanced quote is the usual cause");
    }

    /** The 1-based column that holds the first byte beyond the record size limit. */
    private int columnAtLimit() {
        long firstExcessByte = (long) recordStart + maxRecordBytes;
        int column = 1;
        for (int i = 0; i < fieldCount && fieldEnds[i] < firstExcessByte; i++) {
            column++;
        }
        return column;
    }

    /** The character at {@code p}, for a message; all its bytes are in the buffer once its record is. */
    private String describe(int p) {
        byte b = buf[p];
        if (b >= 0x20 && b < 0x7F) {
            return "'" + (char) b + "'";
        }
        if (b >= 0) {
            return String.format("U+%04X", b);
        }
        int codePoint = new String(buf, p, Math.min(4, limit - p), StandardCharsets.UTF_8).codePointAt(0);
        return codePoint == 0xFFFD ? String.format("byte 0x%02X", b & 0xFF) : "'" + Character.toString(codePoint) + "'";
    }
}
