package dev.sluice.cli.serve;

import dev.sluice.core.engine.JobResult;
import dev.sluice.core.ledger.Counts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What {@code /metrics} shows, in Prometheus' text format: per pipeline, the rows of each job by outcome,
 * the requests and retries it made, how files ended and how long jobs took.
 */
public final class ServeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /**
     * Counts a job run. Rows, requests and retries are a job's totals, counted when it completes, so a job
     * stopped and resumed is counted once, with the rows of all its runs; every run counts its duration.
     */
    public void job(String pipeline, JobResult result) {
        Timer.builder("sluice_job_duration").description("How long each import run took")
                .tag("pipeline", pipeline).tag("status", result.status().name().toLowerCase())
                .register(registry).record(result.duration());
        if (result.status() != JobResult.Status.COMPLETED) {
            return;
        }
        Counts c = result.counts();
        rows(pipeline, "accepted", c.accepted());
        rows(pipeline, "rejected", c.rejected());
        rows(pipeline, "skipped", c.skipped());
        counter("sluice_requests", "Requests sent to destinations", pipeline).increment(c.requests());
        counter("sluice_retries", "Requests sent again (429, 5xx, timeouts)", pipeline).increment(c.retries());
    }

    public void file(String pipeline, FileOutcome outcome) {
        Counter.builder("sluice_files").description("Files handled, by what became of them")
                .tag("pipeline", pipeline).tag("outcome", outcome.name().toLowerCase())
                .register(registry).increment();
    }

    /** A webhook delivery, by how it was answered (processed, duplicate, skipped, unauthorized…). */
    public void webhook(String endpoint, String outcome) {
        Counter.builder("sluice_webhooks").description("Webhook deliveries, by how they were answered")
                .tag("endpoint", endpoint).tag("outcome", outcome).register(registry).increment();
    }

    /** A ControlShift batch that finished (complete or error). */
    public void controlShiftBatch(String table, String kind, String status) {
        Counter.builder("sluice_controlshift_batches").description("ControlShift batches finished, by status")
                .tag("table", table).tag("kind", kind).tag("status", status).register(registry).increment();
    }

    /** Messages of a Personalize recommendations queue, by what became of them. */
    public void messages(String queue, String outcome, long count) {
        Counter.builder("sluice_queue_messages").description("Queue messages handled, by outcome")
                .tag("queue", queue).tag("outcome", outcome).register(registry).increment(count);
    }

    /** The text a Prometheus server scrapes. */
    public String scrape() {
        return registry.scrape();
    }

    private void rows(String pipeline, String outcome, long rows) {
        Counter.builder("sluice_rows").description("Rows read, by outcome").tag("pipeline", pipeline)
                .tag("outcome", outcome).register(registry).increment(rows);
    }

    private Counter counter(String name, String description, String pipeline) {
        return Counter.builder(name).description(description).tag("pipeline", pipeline).register(registry);
    }
}
