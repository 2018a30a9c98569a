package dev.sluice.controlshift.webhook;

import dev.sluice.controlshift.ExportKind;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One exported file, as a webhook announced it.
 *
 * @param jid the delivery's id (ControlShift's job id); null in payloads that lack one
 * @param fileKey identifies the file across deliveries: {@code s3://bucket/key} when the payload or the
 *     URL names the S3 object, otherwise the URL's host and path (the pre-signed query changes per delivery)
 * @param bzip2 whether the file is bzip2-compressed ({@code compression_format} or a {@code .bz2} name)
 * @param exportTs when ControlShift took the export, from the file name; null when the name has none
 * @param exportDate the {@code YYYYMMDD} folder of the file, null when absent
 * @param payload the webhook's JSON body as received, kept for the operator
 */
public record ExportEvent(String jid, ExportKind kind, String table, URI url, String fileKey, boolean bzip2,
        Instant exportTs, LocalDate exportDate, String payload) {
}
