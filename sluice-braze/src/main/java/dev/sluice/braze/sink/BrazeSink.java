package dev.sluice.braze.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.core.engine.SinkStats;
import dev.sluice.core.engine.SinkStoppedException;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Braze {@code POST /users/track}. Each batch is one request (75 objects, at most 4 MB); 429, 5xx,
 * timeouts and resets are retried with backoff and jitter (a 429 waits for the window to reset);
 * a 413 splits the batch and a 400 bisects it until the objects Braze refuses are alone; the
 * {@code errors[]} of a 201 reject exactly the objects they name; 401, 403, 404 and 415 stop the job.
 */
public final class BrazeSink implements Sink<BrazeObject> {
    private static final byte[] PREFIX = "{\"attributes\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long BASE_BACKOFF_MILLIS = 500;

    private final BrazeConfig config;
    private final BrazeHttp http;
    private final WorkspaceRateLimiter limiter;
    private final Retry retry;
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();

    private BrazeSink(BrazeConfig config) {
        this.config = config;
        this.http = new BrazeHttp(config);
        this.limiter = config.rateLimit() == null ? null
                : RateLimiters.forWorkspace(config.destinationId(), config.rateLimit());
        this.retry = Retry.of("braze", RetryConfig.<BrazeResponse>custom()
                .maxAttempts(config.maxAttempts())
                .retryOnResult(BrazeResponse::retriable)
                .retryOnException(BrazeSink::transientFailure)
                .intervalBiFunction(BrazeSink::backoffMillis)
                .failAfterMaxAttempts(false)
                .build());
        this.retry.getEventPublisher().onRetry(event -> retries.increment());
    }

    public static BrazeSink open(BrazeConfig config) {
        return new BrazeSink(config);
    }

    @Override
    public SinkLimits limits() {
        return limits(config.maxObjectsPerRequest(), config.maxBodyBytes());
    }

    /** The batch limits of requests of at most {@code maxObjects} objects and {@code maxBodyBytes} bytes. */
    public static SinkLimits limits(int maxObjects, int maxBodyBytes) {
        return new SinkLimits(maxObjects, maxBodyBytes - PREFIX.length - SUFFIX.length);
    }

    /** Not idempotent: every attribute sent is a billed data point, and {@code inc} adds again. */
    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public int maxInFlight() {
        return config.concurrency();
    }

    @Override
    public SinkStats stats() {
        return new SinkStats(requests.sum(), retries.sum());
    }

    @Override
    public CompletableFuture<List<Outcome>> write(List<BrazeObject> items) {
        if (items.isEmpty()) {
            // Braze answers 400 to an empty body, and bisecting an empty batch never ends
            return CompletableFuture.completedFuture(List.of());
        }
        return send(items);
    }

    private CompletableFuture<List<Outcome>> send(List<BrazeObject> items) {
        byte[] body = envelope(items);
        return retry.executeCompletionStage(RateLimiters.SCHEDULER, () -> attempt(body))
                .toCompletableFuture()
                .exceptionally(error -> {
                    throw new SinkStoppedException("could not reach Braze at " + config.apiUrl() + " after "
                            + config.maxAttempts() + " attempts: " + describe(unwrap(error))
                            + ". The job stopped at its checkpoint; run the same command to resume.", unwrap(error));
                })
                .thenCompose(response -> interpret(items, response));
    }

    private CompletableFuture<BrazeResponse> attempt(byte[] body) {
        if (limiter == null) {
            requests.increment();
            return http.post(body);
        }
        return limiter.acquire().thenCompose(permit -> {
            requests.increment();
            return http.post(body).thenApply(response -> {
                if (response.status() == 429) {
                    limiter.exhausted(response.rateLimitReset());
                } else {
                    limiter.observe(permit, response.rateLimitLimit(), response.rateLimitRemaining(),
                            response.rateLimitReset());
                }
                return response;
            });
        }).whenComplete((response, error) -> limiter.settled());
    }

    private CompletableFuture<List<Outcome>> interpret(List<BrazeObject> items, BrazeResponse response) {
        int status = response.status();
        if (response.success()) {
            return CompletableFuture.completedFuture(BrazeErrors.outcomes(items.size(), response.body()));
        }
        if (status == 400 || status == 413) {
            if (items.size() == 1) {
                return CompletableFuture.completedFuture(List.of(new Outcome.Rejected(refusal(response))));
            }
            return inHalves(items);
        }
        throw new SinkStoppedException(stopMessage(response));
    }

    /** Sends the two halves one after the other, so a user's rows keep their order. */
    private CompletableFuture<List<Outcome>> inHalves(List<BrazeObject> items) {
        int middle = items.size() / 2;
        return send(items.subList(0, middle)).thenCompose(first -> send(items.subList(middle, items.size()))
                .thenApply(second -> {
                    List<Outcome> all = new ArrayList<>(first);
                    all.addAll(second);
                    return all;
                }));
    }

    private String refusal(BrazeResponse response) {
        if (response.status() == 413) {
            return "Braze refused the object as too large (413 Payload Too Large)";
        }
        return "Braze refused the object (400 Bad Request): " + message(response);
    }

    private String stopMessage(BrazeResponse response) {
        int status = response.status();
        String where = config.apiUrl() + config.endpoint();
        String hint = switch (status) {
            case 401 -> "Braze refused the API key (401 Unauthorized). Check BRAZE_API_KEY, and that BRAZE_API_URL"
                    + " is the REST endpoint of the key's workspace (e.g. https://rest.iad-01.braze.com)";
            case 403 -> "Braze refused access (403 Forbidden): the API key needs the users.track permission, or"
                    + " the workspace's plan does not allow this endpoint";
            case 404 -> "Braze answered 404 Not Found for " + where + ": check BRAZE_API_URL (the REST endpoint,"
                    + " not the dashboard URL)";
            case 415 -> "Braze answered 415 Unsupported Media Type for " + where;
            case 429 -> "Braze kept answering 429 Too Many Requests after " + config.maxAttempts() + " attempts;"
                    + " lower --rate-limit or --concurrency";
            default -> status >= 500
                    ? "Braze kept answering " + status + " after " + config.maxAttempts() + " attempts"
                    : "Braze answered " + status + " for " + where;
        };
        String detail = message(response);
        return hint + (detail.isEmpty() ? "" : " (Braze said: " + detail + ")")
                + ". The job stopped at its checkpoint; fix the cause and run the same command to resume.";
    }

    /** Braze's {@code message}, or the start of a non-JSON body (an HTML error page from a proxy). */
    private static String message(BrazeResponse response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        String text = response.bodyText().strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static byte[] envelope(List<BrazeObject> items) {
        int size = PREFIX.length + SUFFIX.length;
        for (BrazeObject item : items) {
            size += item.sizeBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(PREFIX);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i).json());
        }
        out.writeBytes(SUFFIX);
        return out.toByteArray();
    }

    private static boolean transientFailure(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof IOException || cause instanceof TimeoutException;
    }

    /** 429: until Braze's window resets; otherwise exponential backoff with jitter, capped at 30 s. */
    private static Long backoffMillis(Integer attempt, Either<Throwable, BrazeResponse> outcome) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (outcome.isRight() && outcome.get().status() == 429 && outcome.get().rateLimitReset() != null) {
            long untilReset = outcome.get().rateLimitReset() * 1000 - System.currentTimeMillis();
            return Math.max(0, untilReset) + random.nextLong(50, 250);
        }
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(attempt - 1, 16));
        return ceiling / 2 + random.nextLong(ceiling / 2 + 1);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable error) {
        String name = error.getClass().getSimpleName();
        return error.getMessage() == null ? name : name + " (" + error.getMessage() + ")";
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "BrazeSink[" + config + "]";
    }

    static List<Outcome> allAccepted(int n) {
        Outcome[] outcomes = new Outcome[n];
        Arrays.fill(outcomes, Outcome.ACCEPTED);
        return Arrays.asList(outcomes);
    }
}
