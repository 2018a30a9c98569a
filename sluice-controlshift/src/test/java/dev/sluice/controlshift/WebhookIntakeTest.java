package dev.sluice.controlshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlshift.store.EventStore;
import dev.sluice.controlshift.webhook.ControlShiftWebhook;
import dev.sluice.controlshift.webhook.SignatureCheck;
import dev.sluice.controlshift.webhook.WebhookReply;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec test cases 1–5: the webhook records data exports durably, once, and answers at once. */
class WebhookIntakeTest extends PipelineTest {
    /** ControlShift's published example (gh-pages), with its escaped URL as ActiveSupport writes it. */
    private static final String PUBLISHED_FULL = """
            {"type":"data.full_table_exported","data":{"url":"https://agra-data-exports.s3.amazonaws.com/default/petitions_20150803180434.csv?AWSAccessKeyId=XXX\\u0026Expires=1438711490\\u0026Signature=ABCDE%3D","table":"petitions","s3":{"bucket":"agra-data-exports","key":"/default/petitions_20150803180434.csv"},"compression_format":"bzip2"},"jid":"cf0f50d7d225e20a188be328"}""";

    private ControlShift pipeline;

    @BeforeEach
    void start() throws Exception {
        pipeline = fx.pipeline("worker-1");
    }

    @Test
    void fullAndIncrementalExportsAreRecordedWithTheirKind() throws Exception {
        WebhookReply full = receive(PUBLISHED_FULL);
        WebhookReply incremental = receive(PUBLISHED_FULL.replace("full_table", "incremental_table")
                .replace("cf0f50d7d225e20a188be328", "aaaa50d7d225e20a188be328").replace("petitions_2015", "petitions_2016"));

        assertThat(full.status()).isEqualTo(200);
        assertThat(full.jsonBody()).contains("\"status\":\"processed\"");
        assertThat(incremental.status()).isEqualTo(200);
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT kind, cs_table, file_key, compression, export_ts, url, status FROM sluice_controlshift.events ORDER BY id")) {
            r.next();
            assertThat(r.getString("kind")).isEqualTo("FULL");
            assertThat(r.getString("cs_table")).isEqualTo("petitions");
            assertThat(r.getString("file_key")).isEqualTo("s3://agra-data-exports/default/petitions_20150803180434.csv");
            assertThat(r.getString("compression")).isEqualTo("bzip2");
            assertThat(r.getTimestamp("export_ts").toInstant()).isEqualTo(java.time.Instant.parse("2015-08-03T18:04:34Z"));
            // \u0026 in the JSON is an ampersand in the URL the download will use
            assertThat(r.getString("url")).contains("AWSAccessKeyId=XXX&Expires=1438711490&Signature=ABCDE%3D");
            assertThat(r.getString("status")).isEqualTo("PENDING");
            r.next();
            assertThat(r.getString("kind")).isEqualTo("INCREMENTAL");
        }
    }

    @Test
    void otherEventTypesAreSkippedAndNothingIsRecorded() throws Exception {
        WebhookReply reply = receive("{\"type\":\"email.open\",\"data\":{\"id\":1}}");
        WebhookReply untyped = receive("{\"data\":{}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.jsonBody()).contains("\"status\":\"skipped\"").contains("email.open");
        assertThat(untyped.jsonBody()).contains("\"status\":\"skipped\"");
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.events")).isZero();
    }

    @Test
    void the2020PayloadWithoutS3AndCompressionIsRecordedByItsUrl() throws Exception {
        WebhookReply reply = receive("""
                {"type":"data.incremental_table_exported","data":{"url":"https://agra-data-exports-production.s3.amazonaws.com/acme/incremental/signatures/20240101/signatures_20240101120000.csv.bz2?X-Amz-Date=20240101T120000Z&X-Amz-Expires=21600","table":"signatures"},"jid":"0123456789abcdef01234567"}""");

        assertThat(reply.status()).isEqualTo(200);
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT file_key, compression, export_date FROM sluice_controlshift.events")) {
            r.next();
            // the virtual-hosted S3 URL gives the same key a payload with data.s3 would
            assertThat(r.getString(1)).isEqualTo("s3://agra-data-exports-production/acme/incremental/signatures/20240101/signatures_20240101120000.csv.bz2");
            assertThat(r.getString(2)).isEqualTo("bzip2");
            assertThat(r.getDate(3).toLocalDate()).isEqualTo(java.time.LocalDate.of(2024, 1, 1));
        }
    }

    @Test
    void aRepeatedDeliveryAndTheSameFileUnderANewUrlAreAcknowledgedAndIgnored() throws Exception {
        receive(PUBLISHED_FULL);
        WebhookReply again = receive(PUBLISHED_FULL);
        WebhookReply newUrl = receive(PUBLISHED_FULL.replace("cf0f50d7d225e20a188be328", "bbbb50d7d225e20a188be328")
                .replace("Signature=ABCDE", "Signature=FGHIJ").replace("1438711490", "1438799999"));
        // the same jid for another file is a repeated delivery too
        WebhookReply sameJid = receive(PUBLISHED_FULL.replace("petitions_2015", "petitions_2016"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.jsonBody()).contains("\"status\":\"duplicate\"");
        assertThat(newUrl.jsonBody()).contains("\"status\":\"duplicate\"");
        assertThat(sameJid.jsonBody()).contains("\"status\":\"duplicate\"");
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.events")).isEqualTo(1);
    }

    @Test
    void withASecretOnlyCorrectlySignedBodiesAreRecorded() throws Exception {
        ControlShiftWebhook signed = new ControlShiftWebhook(new EventStore(dev.sluice.controlshift.store.Database.of(pg.jdbcUrl())),
                Optional.of("s3cr3t"), fx.clock);
        byte[] body = PUBLISHED_FULL.getBytes(StandardCharsets.UTF_8);
        String signature = new SignatureCheck("s3cr3t").sign(body);
        byte[] altered = body.clone();
        altered[altered.length - 3] ^= 1;

        WebhookReply missing = signed.receive(Map.of(), body);
        WebhookReply tampered = signed.receive(Map.of(SignatureCheck.HEADER, signature), altered);
        WebhookReply wrongKey = signed.receive(Map.of(SignatureCheck.HEADER, new SignatureCheck("other").sign(body)), body);
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.events")).isZero();
        WebhookReply good = signed.receive(Map.of("X-ControlShift-Webhook-Signature", signature), body);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(good.status()).isEqualTo(200);
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.events")).isEqualTo(1);
        assertThat(signature).startsWith("sha256:").hasSize("sha256:".length() + 64);
    }

    @Test
    void badPayloadsAreRefusedWithAReason() throws Exception {
        assertThat(receive("not json").status()).isEqualTo(400);
        WebhookReply noUrl = receive("{\"type\":\"data.full_table_exported\",\"data\":{\"table\":\"petitions\"},\"jid\":\"x\"}");
        WebhookReply badTable = receive("{\"type\":\"data.full_table_exported\",\"data\":{\"table\":\"x; drop table y\",\"url\":\"https://h/x.csv\"},\"jid\":\"x\"}");

        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.jsonBody()).contains("data.url is missing");
        assertThat(badTable.status()).isEqualTo(400);
        assertThat(badTable.jsonBody()).contains("data.table");
        assertThat(pipeline.webhook().receive(Map.of(), new byte[(1 << 20) + 1]).status()).isEqualTo(413);
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.events")).isZero();
    }

    @Test
    void anUnreachableStoreAnswers503SoControlShiftRetries() {
        // a port nothing listens on: the store is down
        ControlShiftWebhook down = new ControlShiftWebhook(new EventStore(
                dev.sluice.controlshift.store.Database.of("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2")), Optional.empty(), fx.clock);

        WebhookReply reply = down.receive(Map.of(), PUBLISHED_FULL.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(503);
    }

    private WebhookReply receive(String json) {
        return pipeline.webhook().receive(Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
