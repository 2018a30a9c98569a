package dev.sluice.controlshift;

import dev.sluice.controlshift.batch.BatchRules;
import dev.sluice.controlshift.fetch.DownloadRules;
import dev.sluice.postgres.load.DriftPolicy;
import dev.sluice.postgres.load.LoadMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the ControlShift pipeline needs (the {@code controlshift:} section of sluice.yaml).
 *
 * @param storeJdbcUrl the batch store: PostgreSQL (events, batches, history). From the environment; it may
 *     carry a password and is never printed
 * @param targetJdbcUrl the mirror: PostgreSQL (the tables and the table loader's once-only ledger, {@code sluice_loads}); often
 *     the same database as the store
 * @param webhookSecret the ControlShift endpoint's secret (from the environment); empty: signatures not checked
 * @param spoolDir where downloaded files wait, decompressed, until their batch is loaded
 * @param targetSchema the schema of the mirror tables, e.g. {@code controlshift}
 * @param tableRenames ControlShift table → target table, for those that differ
 * @param incrementalMode INCREMENTAL (upsert on id) or APPEND (the original's behaviour)
 * @param statementTimeout per load transaction in the target; zero: none. Keep it below the batch lease
 * @param successUrl notified (POST JSON) of each COMPLETE batch; null: off
 * @param failureUrl notified of each ERROR batch, expired downloads included; null: off
 * @param workerId names this process in leases (host and pid, say)
 */
public record ControlShiftSettings(String storeJdbcUrl, String targetJdbcUrl, Optional<String> webhookSecret,
        DownloadRules downloads, Path spoolDir, BatchRules batches, String targetSchema, Map<String, String> tableRenames,
        LoadMode incrementalMode, DriftPolicy drift, Duration statementTimeout, URI successUrl, URI failureUrl, String workerId) {

    public ControlShiftSettings {
        tableRenames = Map.copyOf(tableRenames);
    }

    /** ControlShift's defaults, with one database as both store and target. */
    public static ControlShiftSettings defaults(String jdbcUrl, Path spoolDir) {
        return new ControlShiftSettings(jdbcUrl, jdbcUrl, Optional.empty(), DownloadRules.defaults(), spoolDir,
                BatchRules.defaults(), "controlshift", Map.of(), LoadMode.INCREMENTAL, DriftPolicy.ADD_COLUMN,
                Duration.ofMinutes(20), null, null, defaultWorkerId());
    }

    public ControlShiftSettings withSecret(String secret) {
        return new ControlShiftSettings(storeJdbcUrl, targetJdbcUrl, Optional.ofNullable(secret), downloads, spoolDir, batches,
                targetSchema, tableRenames, incrementalMode, drift, statementTimeout, successUrl, failureUrl, workerId);
    }

    public ControlShiftSettings withDownloads(DownloadRules rules) {
        return new ControlShiftSettings(storeJdbcUrl, targetJdbcUrl, webhookSecret, rules, spoolDir, batches,
                targetSchema, tableRenames, incrementalMode, drift, statementTimeout, successUrl, failureUrl, workerId);
    }

    public ControlShiftSettings withBatches(BatchRules rules) {
        return new ControlShiftSettings(storeJdbcUrl, targetJdbcUrl, webhookSecret, downloads, spoolDir, rules,
                targetSchema, tableRenames, incrementalMode, drift, statementTimeout, successUrl, failureUrl, workerId);
    }

    public ControlShiftSettings withNotifications(URI success, URI failure) {
        return new ControlShiftSettings(storeJdbcUrl, targetJdbcUrl, webhookSecret, downloads, spoolDir, batches,
                targetSchema, tableRenames, incrementalMode, drift, statementTimeout, success, failure, workerId);
    }

    public ControlShiftSettings withStatementTimeout(Duration timeout) {
        return new ControlShiftSettings(storeJdbcUrl, targetJdbcUrl, webhookSecret, downloads, spoolDir, batches,
                targetSchema, tableRenames, incrementalMode, drift, timeout, successUrl, failureUrl, workerId);
    }

    public ControlShiftSettings withWorkerId(String id) {
        return new ControlShiftSettings(storeJdbcUrl, targetJdbcUrl, webhookSecret, downloads, spoolDir, batches,
                targetSchema, tableRenames, incrementalMode, drift, statementTimeout, successUrl, failureUrl, id);
    }

    private static String defaultWorkerId() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        return host + ":" + ProcessHandle.current().pid();
    }

    @Override
    public String toString() {
        // The JDBC URLs and the secret stay out of logs.
        return "ControlShiftSettings[schema=" + targetSchema + ", batches=" + batches + ", spool=" + spoolDir
                + ", secret=" + (webhookSecret.isPresent() ? "set" : "none") + ", worker=" + workerId + "]";
    }
}
