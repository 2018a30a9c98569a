package dev.sluice.controlshift;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server (JDK HttpServer on 127.0.0.1) standing in for ControlShift's export bucket and for
 * the notification endpoints: it serves files by path (each GET may first meet scripted failures) and
 * keeps every POST body it receives.
 */
final class LocalHttp implements BeforeEachCallback, AfterEachCallback {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final Map<String, List<String>> posts = new ConcurrentHashMap<>();
    private final Map<String, Integer> truncateTo = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop(0);
    }

    /** Serves {@code body} at {@code path}; returns its URL with a pre-signed-looking query (S3 signature V2). */
    URI serve(String path, byte[] body, long expiresEpochSecond) {
        files.put(path, body);
        return URI.create(base() + path + "?AWSAccessKeyId=XXX&Expires=" + expiresEpochSecond + "&Signature=ABCDE%3D");
    }

    /** The next GETs of {@code path} answer these statuses, in order, before the file is served. */
    void failNext(String path, Integer... statuses) {
        failures.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** The next GET of {@code path} declares the whole length but sends only {@code bytes} and closes. */
    void truncateNext(String path, int bytes) {
        truncateTo.put(path, bytes);
    }

    int gets(String path) {
        AtomicInteger n = gets.get(path);
        return n == null ? 0 : n.get();
    }

    synchronized List<String> posts(String path) {
        return List.copyOf(posts.getOrDefault(path, List.of()));
    }

    URI url(String path) {
        return URI.create(base() + path);
    }

    String host() {
        return "127.0.0.1";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (exchange.getRequestMethod().equals("POST")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                synchronized (this) {
                    posts.computeIfAbsent(path, p -> new ArrayList<>()).add(body);
                }
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            gets.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Deque<Integer> scripted = failures.get(path);
            Integer failure = scripted == null ? null : scripted.poll();
            if (failure != null) {
                byte[] text = (failure == 403 ? "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                        : "<Error>scripted " + failure + "</Error>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(failure, text.length);
                exchange.getResponseBody().write(text);
                return;
            }
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            Integer cut = truncateTo.remove(path);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, 0, cut == null ? body.length : cut);
            }
        }
    }
}
