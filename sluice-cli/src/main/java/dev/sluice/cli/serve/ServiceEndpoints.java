package dev.sluice.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The service's HTTP side on the JDK's server: {@code GET /health} (200 while serving, 503 while
 * draining, JSON), {@code GET /metrics} (Prometheus text) and whatever other routes the service adds
 * (webhooks). The JDK server starts in a fraction of a second and needs no dependency.
 */
public final class ServiceEndpoints implements AutoCloseable {
    private final HttpServer server;

    /**
     * @param health the health document and whether the service is healthy
     * @param routes more routes, path → handler
     */
    public ServiceEndpoints(InetSocketAddress address, Supplier<Health> health, ServeMetrics metrics,
            Map<String, HttpHandler> routes) throws IOException {
        server = HttpServer.create(address, 0);
        server.createContext("/health", exchange -> get(exchange, () -> {
            Health h = health.get();
            return new Reply(h.healthy() ? 200 : 503, "application/json", h.json());
        }));
        server.createContext("/metrics", exchange -> get(exchange,
                () -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
        routes.forEach(server::createContext);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sluice-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** What /health says. */
    public record Health(boolean healthy, String json) { }

    private record Reply(int status, String contentType, String body) { }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void get(HttpExchange exchange, Supplier<Reply> reply) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Reply r = reply.get();
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            exchange.sendResponseHeaders(r.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
