package dev.sluice.controlshift.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * When a pre-signed URL stops working: S3's signature V2 query says {@code Expires=<epoch seconds>}, V4
 * says {@code X-Amz-Date} plus {@code X-Amz-Expires}; without either, the announcement time plus the
 * documented lifetime.
 */
final class UrlExpiry {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private UrlExpiry() {
    }

    static Instant of(URI url, Instant receivedAt, Duration lifetime) {
        Map<String, String> query = query(url);
        try {
            if (query.containsKey("Expires")) {
                return Instant.ofEpochSecond(Long.parseLong(query.get("Expires")));
            }
            if (query.containsKey("X-Amz-Date") && query.containsKey("X-Amz-Expires")) {
                Instant signed = LocalDateTime.parse(query.get("X-Amz-Date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
                return signed.plusSeconds(Long.parseLong(query.get("X-Amz-Expires")));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // an unreadable expiry: fall back to the documented lifetime
        }
        return receivedAt.plus(lifetime);
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> params = new HashMap<>();
        String raw = url.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
