package dev.sluice.core.csv;

/**
 * How a CSV file is written. The delimiter and the quote must be ASCII characters: the reader works
 * on bytes, and only ASCII bytes can never be part of a multi-byte UTF-8 character.
 *
 * @param delimiter      separates fields: ',', ';', '\t', '|', ...
 * @param quote          encloses a field that holds delimiters, quotes or line breaks
 * @param maxRecordBytes a longer record stops the read: it is almost always an unbalanced quote
 *                       that swallowed the rest of the file, and it bounds the reader's memory
 */
public record CsvOptions(char delimiter, char quote, int maxRecordBytes) {

    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', 16 * 1024 * 1024);

    /** Leaves room above the largest record for its line terminator in a Java array. */
    static final int MAX_RECORD_BYTES_LIMIT = Integer.MAX_VALUE - 16;

    public CsvOptions {
        requireUsable("delimiter", delimiter);
        requireUsable("quote", quote);
        if (delimiter == quote) {
            throw new IllegalArgumentException("the delimiter and the quote are both " + show(quote));
        }
        if (maxRecordBytes < 1 || maxRecordBytes > MAX_RECORD_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxRecordBytes must be between 1 and " + MAX_RECORD_BYTES_LIMIT + ": " + maxRecordBytes);
        }
    }

    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(delimiter, quote, maxRecordBytes);
    }

    public CsvOptions withQuote(char quote) {
        return new CsvOptions(delimiter, quote, maxRecordBytes);
    }

    public CsvOptions withMaxRecordBytes(int maxRecordBytes) {
        return new CsvOptions(delimiter, quote, maxRecordBytes);
    }

    private static void requireUsable(String role, char c) {
        if (c == '\n' || c == '\r') {
            throw new IllegalArgumentException("the " + role + " cannot be a line break");
        }
        if (c > 0x7F) {
            throw new IllegalArgumentException("the " + role + " must be an ASCII character: " + show(c));
        }
    }

    private static String show(char c) {
        return c == '\t' ? "'\\t'" : "'" + c + "' (U+" + String.format("%04X", (int) c) + ")";
    }
}
