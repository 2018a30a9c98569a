package dev.sluice.controlshift.store;

import dev.sluice.controlshift.ExportKind;
import java.net.URI;
import java.time.Instant;

/** An event as the store holds it, handed to the downloader. */
public record StoredEvent(long id, ExportKind kind, String table, URI url, String fileKey, boolean bzip2,
        Instant exportTs, Instant receivedAt, int attempts) {
}
