package dev.sluice.braze.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes {@code /users/track} exchanges after the configured latency. The JDK server lets any
 * thread complete an exchange once its handler has returned, so a delayed response waits in a
 * timer queue, not in a sleeping thread: 200 connections at 100 ms cost no threads.
 */
final class Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);
    private static final Duration HANG_LIMIT = Duration.ofMinutes(10);

    private final ScheduledExecutorService timer;
    private final long latencyNanos;
    private final Set<HttpExchange> hanging = ConcurrentHashMap.newKeySet();

    Responder(ScheduledExecutorService timer, Duration latency) {
        this.timer = timer;
        this.latencyNanos = latency.toNanos();
    }

    void send(HttpExchange exchange, HttpReply reply) {
        later(() -> write(exchange, reply));
    }

    /** Closes the connection without a response (closing an exchange before its headers does that). */
    void reset(HttpExchange exchange) {
        later(exchange::close);
    }

    /** Never answers; the connection is closed when the sandbox closes or after ten minutes. */
    void hang(HttpExchange exchange) {
        hanging.add(exchange);
        timer.schedule(() -> release(exchange), HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void releaseAll() {
        hanging.forEach(this::release);
    }

    /** Writes the reply now: used for {@code /sandbox/*}, which has no latency. */
    static void write(HttpExchange exchange, HttpReply reply) {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            reply.headers().forEach(headers::set);
            if (reply.contentType() != null) {
                headers.set("Content-Type", reply.contentType());
            }
            byte[] body = reply.body();
            // -1 = no body; 0 would mean chunked, and a fixed length keeps keep-alive cheap
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                OutputStream out = exchange.getResponseBody();
                out.write(body);
            }
        } catch (IOException e) {
            LOG.debug("client went away before its {} response", reply.status(), e);
        }
    }

    private void release(HttpExchange exchange) {
        if (hanging.remove(exchange)) {
            exchange.close();
        }
    }

    private void later(Runnable action) {
        if (latencyNanos == 0) {
            action.run();
            return;
        }
        try {
            timer.schedule(action, latencyNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            action.run();
        }
    }
}
