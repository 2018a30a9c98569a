package dev.sluice.core.csv;

import dev.sluice.core.record.Header;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Everything one read of a CSV stream produced, including the failure that ended it. */
record ReadResult(Header header, long headerEnd, List<CsvRow> rows, Exception failure) {

    static ReadResult fromStart(InputStream in, CsvOptions options) {
        List<CsvRow> rows = new ArrayList<>();
        Header header = null;
        long headerEnd = -1;
        try (CsvReader reader = CsvReader.atStart(in, "test.csv", options)) {
            header = reader.header();
            headerEnd = reader.offset();
            readRest(reader, rows);
        } catch (IOException | RuntimeException e) {
            return new ReadResult(header, headerEnd, rows, e);
        }
        return new ReadResult(header, headerEnd, rows, null);
    }

    /** The rows of a resumed read; a failure is thrown. */
    static List<CsvRow> resumed(InputStream in, CsvOptions options, Header header, long offset, long line) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.resume(in, "test.csv", options, header, offset, line)) {
            readRest(reader, rows);
        }
        return rows;
    }

    private static void readRest(CsvReader reader, List<CsvRow> rows) throws IOException {
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            if (reader.offset() != row.position().endOffset() || reader.line() != row.nextLine()) {
                throw new AssertionError("offset() " + reader.offset() + " and line() " + reader.line() + " are not after " + row);
            }
            rows.add(row);
        }
    }

    /** A comparable description: two reads of the same bytes must give the same one. */
    String describe() {
        return header + " | " + headerEnd + " | " + rows + " | " + (failure == null ? "" : failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
