package dev.sluice.controlshift.fetch;

import java.nio.file.Path;

/** How one download attempt ended. Reasons never contain the URL's query (it carries credentials). */
public sealed interface DownloadOutcome {
    /** The plain CSV is at {@code file}. */
    record Downloaded(Path file, long wireBytes, long csvBytes) implements DownloadOutcome {
    }

    /** A transient failure (5xx, 429, timeout, broken connection): try again later. */
    record Retry(String reason) implements DownloadOutcome {
    }

    /** The URL's lifetime is over (terminal). */
    record Expired(String reason) implements DownloadOutcome {
    }

    /** Refused or failed for good (terminal). */
    record Failed(String reason) implements DownloadOutcome {
    }
}
