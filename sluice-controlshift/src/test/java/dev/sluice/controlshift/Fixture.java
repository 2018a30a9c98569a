package dev.sluice.controlshift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchRules;
import dev.sluice.controlshift.batch.LoadListener;
import dev.sluice.controlshift.fetch.DownloadRules;
import dev.sluice.controlshift.notify.WebhookNotifier;
import dev.sluice.controlshift.webhook.WebhookReply;
import dev.sluice.postgres.load.PostgresTableLoader;
import dev.sluice.postgres.load.TableLoader;
import dev.sluice.testkit.PostgresServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ControlShift pipeline against the test's real PostgreSQL and the local HTTP server: announces
 * exports as ControlShift would (a file served at an S3-like path, a webhook with its URL), runs workers,
 * reads the target back.
 */
final class Fixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2024-10-16T02:00:00Z");
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    final PostgresServer pg;
    final LocalHttp http;
    final TestClock clock = new TestClock(START);
    final Path spool;
    private final AtomicInteger sequence = new AtomicInteger();
    private ControlShiftSettings settings;

    Fixture(PostgresServer pg, LocalHttp http, Path spool) {
        this.pg = pg;
        this.http = http;
        this.spool = spool;
        this.settings = ControlShiftSettings.defaults(pg.jdbcUrl(), spool)
                .withDownloads(DownloadRules.defaults().withAllowedHosts(List.of(http.host()), true))
                .withNotifications(http.url("/notify/ok"), http.url("/notify/error"))
                .withWorkerId("worker-1");
    }

    ControlShiftSettings settings() {
        return settings;
    }

    Fixture with(BatchRules rules) {
        settings = settings.withBatches(rules);
        return this;
    }

    Fixture with(ControlShiftSettings changed) {
        settings = changed;
        return this;
    }

    static BatchRules rules(int files, Duration age, long bytes) {
        return new BatchRules(files, age, bytes, Duration.ofMinutes(30), 5, Duration.ofMinutes(1));
    }

    /** A pipeline for {@code workerId}; several share the store, as several processes would. */
    ControlShift pipeline(String workerId) throws SQLException {
        return pipeline(workerId, (batch, target, keys, rows) -> { });
    }

    ControlShift pipeline(String workerId, LoadListener listener) throws SQLException {
        return pipeline(workerId, new PostgresTableLoader(), listener);
    }

    ControlShift pipeline(String workerId, TableLoader loader, LoadListener listener) throws SQLException {
        ControlShiftSettings s = settings.withWorkerId(workerId);
        return ControlShift.start(s, loader, new WebhookNotifier(s.successUrl(), s.failureUrl()), clock, listener);
    }

    /** An export as ControlShift names it: {@code /<org>/<kind>/<table>/<YYYYMMDD>/<table>_<timestamp>.csv[.bz2]}. */
    Export export(ExportKind kind, String table, byte[] body, boolean bzip2) {
        Instant stamp = clock.instant().plusSeconds(sequence.incrementAndGet());
        String name = table + "_" + STAMP.format(stamp) + ".csv" + (bzip2 ? ".bz2" : "");
        String path = "/default/" + kind.label() + "/" + table + "/" + STAMP.format(stamp).substring(0, 8) + "/" + name;
        URI url = http.serve(path, body, clock.instant().plus(Duration.ofHours(6)).getEpochSecond());
        return new Export(kind, table, path, url, bzip2, "jid" + sequence.get());
    }

    record Export(ExportKind kind, String table, String path, URI url, boolean bzip2, String jid) {
        /** ControlShift's current payload: type, data.url, data.table, data.s3, data.compression_format, jid. */
        String payload() {
            ObjectNode root = JSON.createObjectNode().put("type", kind.webhookType()).put("jid", jid);
            ObjectNode data = root.putObject("data").put("url", url.toString()).put("table", table)
                    .put("compression_format", bzip2 ? "bzip2" : "none");
            data.putObject("s3").put("bucket", "agra-data-exports").put("key", path);
            return root.toString();
        }
    }

    WebhookReply announce(ControlShift pipeline, Export export) {
        return pipeline.webhook().receive(Map.of("Content-Type", "application/json"), export.payload().getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code categories} file: header {@code id,name,organisation_id}, ids from {@code firstId}. */
    static byte[] categories(int firstId, int rows) {
        StringBuilder csv = new StringBuilder("id,name,organisation_id\n");
        for (int i = 0; i < rows; i++) {
            csv.append(firstId + i).append(",\"Category, number ").append(firstId + i).append("\",7\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    long count(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    List<Long> ids(String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM controlshift." + table + " ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    static Batch only(List<Batch> batches) {
        if (batches.size() != 1) {
            throw new AssertionError("expected one batch, got " + batches);
        }
        return batches.get(0);
    }
}
