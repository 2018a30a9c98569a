package dev.sluice.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sluice.controlshift.ControlShift;
import dev.sluice.controlshift.ControlShiftSettings;
import dev.sluice.controlshift.ControlShiftWorker;
import dev.sluice.controlshift.batch.BatchRules;
import dev.sluice.controlshift.fetch.DownloadRules;
import dev.sluice.controlshift.webhook.ControlShiftWebhook;
import dev.sluice.controlshift.webhook.WebhookReply;
import dev.sluice.core.pipeline.ControlShiftConfig;
import dev.sluice.postgres.load.DriftPolicy;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.PostgresTableLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code controlshift:} section mounted in {@code sluice serve}: {@code POST /webhooks/controlshift}
 * records each announced export, and the pipeline's worker runs on a thread of its own, every
 * {@code every} and right after a webhook brought a new file, so a batch's age rule fires without new
 * arrivals. Loads go into PostgreSQL through {@link PostgresTableLoader}. Closing it lets the running pass
 * finish and starts no other (serve's drain).
 *
 * <p>As serve's {@link Poller} it does no work on the loop's thread (a long load must not hold up the
 * file sources): {@link #pollOnce()} only says whether files or batches are on their way, so that
 * {@code --stop-when-idle} waits for them.
 */
public final class ControlShiftIntake implements Poller {
    public static final String PATH = "/webhooks/controlshift";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlShift pipeline;
    private final ServeMetrics metrics;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-controlshift");
        t.setDaemon(true);
        return t;
    });
    private final Duration drainTimeout;
    private final String schema;
    private volatile boolean stopping;

    private ControlShiftIntake(ControlShift pipeline, String schema, ServeMetrics metrics, Consumer<String> log,
            Duration drainTimeout) {
        this.pipeline = pipeline;
        this.schema = schema;
        this.metrics = metrics;
        this.log = log;
        this.drainTimeout = drainTimeout;
    }

    /**
     * Opens the store (creating its tables when missing) and starts the worker's timer.
     *
     * @param every        pause between worker passes
     * @param drainTimeout how long {@link #close()} waits for a running load
     */
    public static ControlShiftIntake start(ControlShiftConfig config, Duration every, Duration drainTimeout, ServeMetrics metrics,
            Consumer<String> log) throws SQLException {
        ControlShiftSettings settings = settings(config);
        ControlShift pipeline = ControlShift.start(settings, new PostgresTableLoader(), Clock.systemUTC());
        ControlShiftIntake intake = new ControlShiftIntake(pipeline, settings.targetSchema(), metrics, log, drainTimeout);
        intake.timer.scheduleWithFixedDelay(intake::pass, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return intake;
    }

    /** The pipeline's settings: the file's values over ControlShift's defaults. */
    static ControlShiftSettings settings(ControlShiftConfig c) {
        ControlShiftSettings d = ControlShiftSettings.defaults(c.storeUrl(), c.spool());
        DownloadRules downloads = d.downloads().withAllowedHosts(
                c.allowedHosts() == null ? d.downloads().allowedHosts() : c.allowedHosts(), Boolean.TRUE.equals(c.allowHttp()));
        BatchRules r = d.batches();
        BatchRules batches = new BatchRules(or(c.batchFiles(), r.maxFiles()), or(c.batchMaxAge(), r.maxAge()),
                c.batchMaxBytes() == null ? r.maxBytes() : c.batchMaxBytes(), or(c.lease(), r.lease()), r.maxAttempts(),
                r.retryBackoff());
        return new ControlShiftSettings(c.storeUrl(), or(c.targetUrl(), c.storeUrl()), Optional.of(c.webhookSecret()), downloads,
                c.spool(), batches, or(c.schema(), d.targetSchema()), c.tables(),
                "append".equals(c.incremental()) ? LoadMode.APPEND : LoadMode.INCREMENTAL,
                "fail".equals(c.drift()) ? DriftPolicy.FAIL : DriftPolicy.ADD_COLUMN,
                or(c.statementTimeout(), d.statementTimeout()),
                c.notifySuccess() == null ? null : URI.create(c.notifySuccess()),
                c.notifyFailure() == null ? null : URI.create(c.notifyFailure()), d.workerId());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** {@code POST /webhooks/controlshift}: the raw body (at most 1 MiB) to the pipeline's webhook. */
    public HttpHandler webhook() {
        return exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = exchange.getRequestBody().readNBytes(ControlShiftWebhook.MAX_BODY + 1);
                WebhookReply reply = pipeline.webhook().receive(headers(exchange), body);
                String outcome = outcome(reply);
                metrics.webhook("controlshift", outcome);
                byte[] json = reply.jsonBody().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), json.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(json);
                }
                if (outcome.equals("processed")) {
                    soon();
                }
            }
        };
    }

    /** The schema the mirror tables are loaded into. */
    public String schema() {
        return schema;
    }

    /** Whether files or batches are still on their way (for {@code --stop-when-idle}); the work runs on the intake's thread. */
    @Override
    public boolean pollOnce() {
        try {
            return pipeline.worker().hasWork();
        } catch (SQLException e) {
            log.accept("controlshift: cannot read the batch store: " + e.getMessage());
            return true;
        }
    }

    private void soon() {
        try {
            timer.execute(this::pass);
        } catch (RejectedExecutionException stopped) {
            // closing: the next start picks the file up
        }
    }

    /** One worker pass; another at once when it did something (a backlog drains without waiting for the timer). */
    private void pass() {
        if (stopping) {
            return;
        }
        try {
            ControlShiftWorker.Pass pass = pipeline.worker().runOnce();
            if (pass.finishedBatch().isPresent()) {
                pipeline.batches().get(pass.finishedBatch().get())
                        .ifPresent(b -> metrics.controlShiftBatch(b.table(), b.kind().label(), b.status().name().toLowerCase()));
            }
            if (!pass.idle()) {
                soon();
            }
        } catch (SQLException | RuntimeException e) {
            // the store or target unreachable: the timer tries again; leases keep other workers safe meanwhile
            log.accept("controlshift: worker pass failed: " + e.getMessage() + " (trying again)");
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    /** processed, duplicate or skipped (200), else what the refusal was. */
    private static String outcome(WebhookReply reply) throws IOException {
        return switch (reply.status()) {
            case 200 -> JSON.readTree(reply.jsonBody()).path("status").asText("ok");
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 413 -> "too_large";
            case 503 -> "unavailable";
            default -> String.valueOf(reply.status());
        };
    }

    @Override
    public String describe() {
        return "ControlShift webhooks (POST " + PATH + ") into schema " + schema;
    }

    /** Starts no further pass and waits for the running one, so a load in progress commits or rolls back first. */
    @Override
    public void close() {
        stopping = true;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.accept("controlshift: a load is still running; its batch lease lets the next start take it up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
