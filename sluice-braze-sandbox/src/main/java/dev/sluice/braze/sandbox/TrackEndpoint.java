package dev.sluice.braze.sandbox;

import dev.sluice.core.rate.RateLimit;
import com.sun.net.httpserver.HttpExchange;
import dev.sluice.braze.sandbox.FixedWindowLimiter.Decision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code POST /users/track} (and {@code /users/track/bulk}) up to the body: faults first (they
 * stand for trouble in front of the API), then authentication, the rate limit, the media type
 * and the size, each answered the way Braze documents it.
 */
final class TrackEndpoint {

    private static final Map<String, String> CLOSE = Map.of("Connection", "close");

    private final SandboxConfig config;
    private final byte[] apiKey;
    private final StatsCounters stats;
    private final FaultScript script;
    private final Random random;
    private final FixedWindowLimiter limiter;
    private final TrackRequestHandler handler;
    private final Responder responder;

    TrackEndpoint(SandboxConfig config, StatsCounters stats, FaultScript script, FixedWindowLimiter limiter,
                  TrackRequestHandler handler, Responder responder) {
        this.config = config;
        this.apiKey = config.apiKey().getBytes(StandardCharsets.US_ASCII);
        this.stats = stats;
        this.script = script;
        this.random = new Random(config.seed());
        this.limiter = limiter;
        this.handler = handler;
        this.responder = responder;
    }

    void handle(HttpExchange exchange) throws IOException {
        stats.requests.increment();
        Optional<Fault> fault = script.take().or(this::randomFault);
        if (fault.isPresent()) {
            stats.faultsInjected.increment();
            inject(exchange, fault.get());
            return;
        }
        HttpReply reply = answer(exchange);
        stats.status(reply.status());
        responder.send(exchange, reply);
    }

    private Optional<Fault> randomFault() {
        return config.faults().isEmpty() ? Optional.empty() : config.faults().pick(random.nextDouble());
    }

    private void inject(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault.kind()) {
            case RESET -> {
                stats.connectionsReset.increment();
                responder.reset(exchange);
            }
            case HANG -> {
                stats.requestsHung.increment();
                responder.hang(exchange);
            }
            case HTML -> {
                stats.status(fault.status());
                responder.send(exchange, afterDraining(exchange, HttpReply.html(fault.status())));
            }
            case STATUS -> {
                // Braze's own errors carry the window like any response; proxy (HTML) errors do not
                Decision window = fault.status() == 429
                        ? limiter.refusal(config.apiKey())
                        : limiter.current(config.apiKey());
                HttpReply reply = HttpReply.message(fault.status(), faultMessage(fault.status()));
                stats.status(fault.status());
                responder.send(exchange, afterDraining(exchange, reply.withHeaders(window.headers())));
            }
        }
    }

    private HttpReply answer(HttpExchange exchange) throws IOException {
        String presented = bearerToken(exchange);
        if (presented == null || !MessageDigest.isEqual(apiKey, presented.getBytes(StandardCharsets.UTF_8))) {
            return afterDraining(exchange, HttpReply.message(401, "Invalid API key: " + masked(presented)));
        }
        Decision quota = limiter.acquire(config.apiKey());
        return checked(exchange, quota).withHeaders(quota.headers());
    }

    private HttpReply checked(HttpExchange exchange, Decision quota) throws IOException {
        if (!quota.allowed()) {
            return afterDraining(exchange, HttpReply.message(429, "API rate limit exceeded (" + config.rateLimit()
                    + " per API key); retry after the time in X-RateLimit-Reset"));
        }
        if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            return afterDraining(exchange, HttpReply.message(415,
                    "Unsupported Media Type: the Content-Type must be application/json"));
        }
        RequestBody body = RequestBody.read(exchange, config.maxBodyBytes());
        if (body == null) {
            return afterDraining(exchange, HttpReply.message(413, "Request Entity Too Large: the body is over "
                    + config.maxBodyBytes() + " bytes"));
        }
        stats.bytesReceived.add(body.length());
        return handler.handle(body.bytes(), body.length());
    }

    /** Reads away an unwanted body so the connection can carry the next request, or asks to close it. */
    private static HttpReply afterDraining(HttpExchange exchange, HttpReply reply) throws IOException {
        return RequestBody.drain(exchange) ? reply : reply.withHeaders(CLOSE);
    }

    private static String bearerToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /** Enough of a wrong key to recognise it in a log, never the whole of it. */
    private static String masked(String key) {
        if (key == null) {
            return "missing 'Authorization: Bearer <key>' header";
        }
        return key.length() <= 8 ? "****" : key.substring(0, 4) + "****";
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static String faultMessage(int status) {
        return status == 429 ? "API rate limit exceeded" : HttpReply.reason(status);
    }
}
