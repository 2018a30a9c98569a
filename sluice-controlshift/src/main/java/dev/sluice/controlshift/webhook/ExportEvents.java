package dev.sluice.controlshift.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlshift.ExportKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an {@link ExportEvent} from a data-export webhook's JSON (ControlShift's published payload, 2020 and later shapes). */
final class ExportEvents {
    /** Table names become SQL identifiers and file names: ControlShift's are lower-case words. */
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** {@code <table>_<YYYYMMDDHHMMSS>.csv[.bz2]} at the end of the path. */
    private static final Pattern STAMP = Pattern.compile("_(\\d{14})\\.csv(?:\\.bz2)?$");
    private static final Pattern DATE_FOLDER = Pattern.compile("/(\\d{8})/[^/]+$");
    /** A virtual-hosted S3 URL: {@code <bucket>.s3.amazonaws.com} or {@code <bucket>.s3.<region>.amazonaws.com}. */
    private static final Pattern S3_HOST = Pattern.compile("^(.+)\\.s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com$");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.BASIC_ISO_DATE;

    private ExportEvents() {
    }

    static ExportEvent of(ExportKind kind, JsonNode root, String payload) {
        JsonNode data = root.path("data");
        String table = text(data, "table");
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("data.table must be a ControlShift table name (lower-case letters, digits, _), got "
                    + (table == null ? "nothing" : "'" + table + "'"));
        }
        URI url = url(text(data, "url"));
        String bucket = text(data.path("s3"), "bucket");
        String key = text(data.path("s3"), "key");
        String path = key != null ? "/" + stripSlashes(key) : url.getPath();
        String compression = text(data, "compression_format");
        boolean bzip2 = "bzip2".equalsIgnoreCase(compression) || path.toLowerCase(Locale.ROOT).endsWith(".bz2");
        return new ExportEvent(text(root, "jid"), kind, table, url, fileKey(bucket, key, url), bzip2,
                exportTs(path), exportDate(path), payload);
    }

    private static URI url(String url) {
        if (url == null) {
            throw new IllegalArgumentException("data.url is missing");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new IllegalArgumentException("data.url is not an absolute URL: " + withoutQuery(url));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("data.url is not a valid URL: " + e.getReason());
        }
    }

    /** The same file whether a delivery carries {@code data.s3} or only the URL. */
    static String fileKey(String bucket, String key, URI url) {
        if (bucket != null && key != null) {
            return "s3://" + bucket + "/" + stripSlashes(key);
        }
        Matcher s3 = S3_HOST.matcher(url.getHost().toLowerCase(Locale.ROOT));
        if (s3.matches()) {
            return "s3://" + s3.group(1) + "/" + stripSlashes(url.getPath());
        }
        return url.getHost().toLowerCase(Locale.ROOT) + url.getPath();
    }

    private static Instant exportTs(String path) {
        Matcher m = STAMP.matcher(path);
        if (!m.find()) {
            return null;
        }
        try {
            // ControlShift's names carry no zone; its exports are stamped in UTC (inference from the examples).
            return LocalDateTime.parse(m.group(1), STAMP_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate exportDate(String path) {
        Matcher m = DATE_FOLDER.matcher(path);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1), DATE_FORMAT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String stripSlashes(String key) {
        return key.replaceAll("^/+", "");
    }

    /** Pre-signed URLs carry credentials in the query: never echo it. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }
}
