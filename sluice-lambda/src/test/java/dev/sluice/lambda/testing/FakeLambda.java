package dev.sluice.lambda.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A FAKE of the Lambda service's Invoke API, because no Lambda server runs here: it speaks just
 * enough of it for the real AWS SDK client ({@code POST /2015-03-31/functions/{name}/invocations}
 * with {@code X-Amz-Invocation-Type: Event} → 202), records each asynchronous invocation, and then
 * runs the handler in this JVM with the payload and a fresh {@link TestContext}, as Lambda would run
 * the queued event in a new invocation. It does not sign-check, retry, or model concurrency limits.
 */
public final class FakeLambda implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One asynchronous invocation: the function it named, its payload, and how the handler ended. */
    public record Invocation(String function, ObjectNode payload, Throwable failure) { }

    private final HttpServer server;
    private final ExecutorService runs = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-lambda-invocation");
        thread.setDaemon(true);
        return thread;
    });
    private final Supplier<RequestStreamHandler> handler;
    private final Duration budget;
    private final CapturedLog log;
    private final List<Invocation> invocations = new ArrayList<>();
    private int running;

    /** Runs each invocation with the handler {@code handler} gives, a context of {@code budget}, logging to {@code log}. */
    public FakeLambda(Supplier<RequestStreamHandler> handler, Duration budget, CapturedLog log) throws IOException {
        this.handler = handler;
        this.budget = budget;
        this.log = log;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2015-03-31/functions/", this::invoke);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** Waits until no invocation is queued or running (they may queue further ones). */
    public synchronized void awaitIdle(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(running + " invocations still running after " + atMost);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/invocations") || !"Event".equals(type)) {
            reply(exchange, 400, "{\"message\":\"the fake only takes asynchronous invocations\"}");
            return;
        }
        String encoded = path.substring("/2015-03-31/functions/".length(), path.length() - "/invocations".length());
        String function = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        byte[] payload = exchange.getRequestBody().readAllBytes();
        synchronized (this) {
            running++;
        }
        reply(exchange, 202, "");
        runs.execute(() -> run(function, payload));
    }

    private void run(String function, byte[] payload) {
        Throwable failure = null;
        try {
            handler.get().handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(),
                    new TestContext(budget, log));
        } catch (Throwable e) {
            failure = e;
        }
        synchronized (this) {
            try {
                invocations.add(new Invocation(function, (ObjectNode) JSON.readTree(payload), failure));
            } catch (IOException e) {
                invocations.add(new Invocation(function, null, e));
            }
            running--;
            notifyAll();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        runs.shutdownNow();
    }
}
