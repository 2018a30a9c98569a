package dev.sluice.braze.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A complete response, decided before it is sent (possibly later, after the configured latency). */
record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    private static final byte[] NO_BODY = {};

    HttpReply {
        headers = Map.copyOf(headers);
    }

    static HttpReply json(int status, Object value) {
        return new HttpReply(status, JSON, SandboxJson.write(value), Map.of());
    }

    /** Braze's error shape: {@code {"message": "..."}}. */
    static HttpReply message(int status, String message) {
        return json(status, Map.of("message", message));
    }

    /** The page a proxy in front of the API would send (nginx style). */
    static HttpReply html(int status) {
        String title = status + " " + reason(status);
        String page = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n";
        return new HttpReply(status, "text/html", page.getBytes(StandardCharsets.US_ASCII), Map.of());
    }

    static HttpReply noContent() {
        return new HttpReply(204, null, NO_BODY, Map.of());
    }

    HttpReply withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(more);
        return new HttpReply(status, contentType, body, all);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
