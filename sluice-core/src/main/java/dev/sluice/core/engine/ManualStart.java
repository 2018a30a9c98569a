package dev.sluice.core.engine;

import java.util.List;

/**
 * A start point given by a person (the seed's continuation event: {@code offset} and {@code headers}).
 * At offset 0 the file's own header line is read and must equal {@code header}; it is never sent.
 */
public record ManualStart(long offset, List<String> header) {
    public ManualStart {
        if (offset < 0) {
            throw new IllegalArgumentException("--offset must be 0 or more, not " + offset);
        }
        if (header == null || header.isEmpty()) {
            throw new IllegalArgumentException("--offset needs --headers: the column names of the file");
        }
        header = List.copyOf(header);
    }
}
