package dev.sluice.core.csv;

import java.io.IOException;

/**
 * The reader cannot go on: it can no longer tell where records start, so nothing after this point
 * can be trusted. The message names the source, the line and the byte offset.
 */
public class CsvFormatException extends IOException {
    public CsvFormatException(String message) {
        super(message);
    }
}
