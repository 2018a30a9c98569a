package dev.sluice.core.csv;

import dev.sluice.core.record.Header;
import dev.sluice.core.record.HeaderException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads CSV records (RFC 4180 with the usual leniencies) with the byte range and physical line of
 * each, so that a read can resume at any record boundary without reading what came before.
 *
 * <p>Positions: a row's start offset is its first byte and its line is the physical line that byte
 * is on (line breaks inside quoted fields count). Its end offset is just after its line terminator
 * (LF, CRLF or a lone CR), or the end of the object for a last line without one. Blank lines are
 * skipped and belong to no row: they sit between one row's end offset and the next row's start
 * offset. Both the (end offset, {@link CsvRow#nextLine()}) and the (start offset, line) of any row
 * are valid arguments to {@link #resume}: it yields exactly the rows that follow, with the same
 * positions.
 *
 * <p>A row with a syntax error is returned, marked {@link CsvRow#malformed()}, and reading goes on.
 * Only a record longer than {@link CsvOptions#maxRecordBytes()} stops the read, with a
 * {@link CsvFormatException}.
 *
 * <p>The reader owns the stream: {@link #close()} closes it, and so does a factory that fails.
 */
public final class CsvReader implements Closeable {
    private final InputStream in;
    private final RecordScanner scanner;
    private final RowDecoder decoder;
    private Header header;
    private long offset;
    private long line;

    private CsvReader(InputStream in, String sourceName, CsvOptions options, long offset, long line) {
        this.in = in;
        this.scanner = new RecordScanner(in, sourceName, options, offset, line);
        this.decoder = new RowDecoder(options);
        this.offset = offset;
        this.line = line;
    }

    /**
     * Reads from byte 0 of an object: skips a UTF-8 byte order mark (its bytes still count in
     * offsets) and blank lines, then reads the header. For an empty object (no bytes, only a BOM or
     * only blank lines) {@link #header()} and {@link #next()} return null.
     *
     * @throws HeaderException when the header is malformed or has an empty or duplicate name; the
     *                         message names the source, the line and the column
     */
    public static CsvReader atStart(InputStream in, String sourceName, CsvOptions options) throws IOException {
        CsvReader reader = new CsvReader(in, sourceName, options, 0, 1);
        try {
            reader.scanner.skipByteOrderMark();
            reader.readHeader(sourceName);
            return reader;
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(in, e);
            throw e;
        }
    }

    /**
     * Resumes a read. {@code in} is already positioned at {@code offset}, which must be a row
     * boundary from an earlier read of the same object: a row's end offset or start offset.
     *
     * @param header the header saved with the checkpoint; the object's header line is never read again
     * @param line   the physical line number (1-based) at {@code offset}: {@link CsvRow#nextLine()} for
     *               an end offset, {@code position().line()} for a start offset
     */
    public static CsvReader resume(InputStream in, String sourceName, CsvOptions options, Header header, long offset, long line)
            throws IOException {
        Objects.requireNonNull(header, "header");
        if (offset < 1 || line < 1) {
            closeAfterFailure(in, null);
            throw new IllegalArgumentException(sourceName + ": cannot resume at byte " + offset + ", line " + line
                    + ": a resume point lies past the header, at byte 1 or later, on line 1 or later");
        }
        CsvReader reader = new CsvReader(in, sourceName, options, offset, line);
        reader.header = header;
        return reader;
    }

    /** The column names; null only for an empty object. */
    public Header header() {
        return header;
    }

    /** The next row, or null at the end. Blank lines are skipped, never returned. */
    public CsvRow next() throws IOException {
        if (header == null || !scanner.nextRecord()) {
            return null;
        }
        CsvRow row = decoder.decode(scanner);
        offset = row.position().endOffset();
        line = scanner.line();
        return row;
    }

    /**
     * The end offset of the last row returned; before the first, the end of the header line (or the
     * resume offset); 0 for an empty object.
     */
    public long offset() {
        return offset;
    }

    /** The physical line at {@link #offset()}: with it, a checkpoint to {@link #resume} from. */
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void readHeader(String sourceName) throws IOException {
        if (!scanner.nextRecord()) {
            return;
        }
        CsvRow row = decoder.decode(scanner);
        String where = sourceName + ": line " + row.position().line() + ": ";
        if (row.malformed()) {
            throw new HeaderException(where + "bad header: " + row.syntaxError());
        }
        try {
            header = Header.of(Arrays.asList(row.fields()));
        } catch (HeaderException e) {
            throw new HeaderException(where + e.getMessage());
        }
        offset = row.position().endOffset();
        line = scanner.line();
    }

    private static void closeAfterFailure(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}
