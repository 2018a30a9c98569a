package dev.sluice.braze.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /sandbox/*}: read back profiles, read the counters, reset. No authentication and no
 * latency or faults: it is how a test or a benchmark looks at the sandbox, not part of Braze.
 */
final class AdminEndpoint {

    private static final String USERS = "/sandbox/users";
    private static final HttpReply NOT_FOUND = HttpReply.message(404, "not found");

    private final BrazeSandbox sandbox;

    AdminEndpoint(BrazeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void handle(HttpExchange exchange) {
        Responder.write(exchange, reply(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery()));
    }

    private HttpReply reply(String method, String path, String rawQuery) {
        if (path.equals("/sandbox/reset")) {
            return only("POST", method, () -> {
                sandbox.reset();
                return HttpReply.noContent();
            });
        }
        if (path.equals("/sandbox/stats")) {
            return only("GET", method, () -> HttpReply.json(200, sandbox.stats().toJson()));
        }
        if (path.equals(USERS)) {
            return only("GET", method, () -> user(query(rawQuery)));
        }
        if (path.startsWith(USERS + "/") && path.length() > USERS.length() + 1) {
            // the path is already percent-decoded, so an id may contain '/' as %2F
            String externalId = path.substring(USERS.length() + 1);
            return only("GET", method, () -> found(sandbox.user(UserId.externalId(externalId))));
        }
        return NOT_FOUND;
    }

    private HttpReply user(Map<String, String> query) {
        return identify(query)
                .map(id -> found(sandbox.user(id)))
                .orElseGet(() -> HttpReply.message(400,
                        "give one of external_id, braze_id, email, phone, or alias_name with alias_label"));
    }

    private static Optional<UserId> identify(Map<String, String> query) {
        if (query.containsKey("external_id")) {
            return Optional.of(UserId.externalId(query.get("external_id")));
        }
        if (query.containsKey("braze_id")) {
            return Optional.of(UserId.brazeId(query.get("braze_id")));
        }
        if (query.containsKey("email")) {
            return Optional.of(UserId.email(query.get("email")));
        }
        if (query.containsKey("phone")) {
            return Optional.of(UserId.phone(query.get("phone")));
        }
        if (query.containsKey("alias_name") && query.containsKey("alias_label")) {
            return Optional.of(UserId.alias(query.get("alias_name"), query.get("alias_label")));
        }
        return Optional.empty();
    }

    private static HttpReply found(Optional<Map<String, Object>> profile) {
        return profile.map(p -> HttpReply.json(200, p)).orElse(NOT_FOUND);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static HttpReply only(String allowed, String method, Supplier<HttpReply> action) {
        if (!allowed.equals(method)) {
            return HttpReply.message(405, "use " + allowed).withHeaders(Map.of("Allow", allowed));
        }
        return action.get();
    }
}
