package dev.sluice.core.csv;

import dev.sluice.core.record.Position;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the record the scanner found into a {@link CsvRow}: decodes the fields and checks their
 * UTF-8. Decoding replaces every invalid sequence with U+FFFD, so only a field that decodes to one
 * needs its bytes checked, to tell bad bytes from a genuine U+FFFD. For a field whose characters all
 * fit in Latin-1 (ASCII, umlauts) that look-up costs nothing.
 */
final class RowDecoder {
    private static final char REPLACEMENT = '\uFFFD';

    private final byte quote;
    private byte[] scratch = new byte[256];

    RowDecoder(CsvOptions options) {
        this.quote = (byte) options.quote();
    }

    CsvRow decode(RecordScanner record) {
        byte[] buf = record.buffer();
        int count = record.fieldCount();
        String[] fields = new String[count];
        for (int i = 0; i < count; i++) {
            fields[i] = field(buf, record.fieldStart(i), record.fieldEnd(i), record.fieldKind(i));
        }
        String error = record.syntaxError();
        if (error == null) {
            error = invalidUtf8(record, fields);
        }
        Position position = new Position(record.recordLine(), record.startOffset(), record.endOffset());
        byte[] raw = Arrays.copyOfRange(buf, record.recordStart(), record.recordEnd());
        return new CsvRow(fields, position, raw, error);
    }

    private String field(byte[] buf, int start, int end, byte kind) {
        return switch (kind) {
            case RecordScanner.PLAIN -> end == start ? "" : new String(buf, start, end - start, StandardCharsets.UTF_8);
            case RecordScanner.QUOTED -> new String(buf, start + 1, end - start - 2, StandardCharsets.UTF_8);
            default -> unquote(buf, start, end);
        };
    }

    /**
     * Drops the opening quote, turns each doubled quote into one and drops any other quote (the
     * closing one, or a stray one in a malformed field).
     */
    private String unquote(byte[] buf, int start, int end) {
        if (scratch.length < end - start) {
            scratch = new byte[Math.max(end - start, 2 * scratch.length)];
        }
        int n = 0;
        for (int i = start + 1; i < end; i++) {
            byte b = buf[i];
            if (b != quote) {
                scratch[n++] = b;
            } else if (i + 1 < end && buf[i + 1] == quote) {
                scratch[n++] = b;
                i++;
            }
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    private static String invalidUtf8(RecordScanner record, String[] fields) {
        byte[] buf = record.buffer();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].indexOf(REPLACEMENT) >= 0 && !Utf8.isValid(buf, record.fieldStart(i), record.fieldEnd(i))) {
                return "column " + (i + 1) + ": invalid UTF-8";
            }
        }
        return null;
    }
}
