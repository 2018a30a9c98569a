package dev.sluice.lambda.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A FAKE of SNS's Publish, because no SNS server runs here: it answers the real AWS SDK client's
 * query-protocol request ({@code Action=Publish&TopicArn=…&Message=…}, form-encoded) with the
 * documented XML and records the message. Nothing is delivered anywhere.
 */
public final class FakeSns implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published message. */
    public record Published(String topicArn, String subject, JsonNode message) { }

    private final HttpServer server;
    private final List<Published> published = new ArrayList<>();

    public FakeSns() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    /** Waits until {@code count} messages were published, or {@code millis} passed. */
    public synchronized List<Published> await(int count, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (published.size() < count && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return List.copyOf(published);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"Publish".equals(form.get("Action"))) {
            reply(exchange, 400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>");
            return;
        }
        synchronized (this) {
            try {
                published.add(new Published(form.get("TopicArn"), form.get("Subject"), JSON.readTree(form.get("Message"))));
            } catch (IOException e) {
                throw new UncheckedIOException("the message is not JSON: " + form.get("Message"), e);
            }
            notifyAll();
        }
        reply(exchange, 200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>" + UUID.randomUUID() + "</MessageId></PublishResult><ResponseMetadata><RequestId>"
                + UUID.randomUUID() + "</RequestId></ResponseMetadata></PublishResponse>");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
