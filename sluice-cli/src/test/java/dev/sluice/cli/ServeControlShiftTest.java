package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.testkit.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 end to end: {@code sluice serve} with only a {@code controlshift:} section, real PostgreSQL as
 * store and target, the export files served by a local HTTP server standing in for ControlShift's S3
 * bucket (the allowed host is 127.0.0.1, over plain http). Signed webhooks come in over HTTP; the rows
 * must land in the mirror table, a repeated delivery must be ignored, an unsigned one refused, and
 * {@code sluice batches list} must show the batches complete.
 */
class ServeControlShiftTest {
    private static final String SECRET = "cs-endpoint-secret-42";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final PostgresServer pg = new PostgresServer();
    @TempDir
    Path dir;

    private HttpServer bucket;

    @BeforeEach
    void bucket() throws IOException {
        bucket = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bucket.start();
    }

    @AfterEach
    void stopBucket() {
        bucket.stop(0);
    }

    @Test
    void signedWebhooksAreLoadedOnceIntoPostgresAndTheBatchesComplete() throws Exception {
        String full = serve("/default/full/signatures/20241016/signatures_20241016020000.csv.bz2", bzip2("""
                id,petition_id,email,first_name,created_at,updated_at
                1,10,ann@example.com,Ann,2024-10-01 09:00:00,2024-10-01 09:00:00
                2,10,bob@example.com,Bob,2024-10-02 09:00:00,2024-10-02 09:00:00
                3,11,"cy, jr@example.com",Cy,2024-10-03 09:00:00,2024-10-03 09:00:00
                """));
        String incremental = serve("/default/incremental/signatures/20241016/signatures_20241016020500.csv", """
                id,petition_id,email,first_name,created_at,updated_at
                2,10,bob@example.org,Bob,2024-10-02 09:00:00,2024-10-16 02:04:00
                4,12,dee@example.com,Dee,2024-10-16 02:03:00,2024-10-16 02:03:00
                """.getBytes(StandardCharsets.UTF_8));
        String fullWebhook = webhook("data.full_table_exported", full, "bzip2", "a0a0a0a0a0a0a0a0a0a0a0a1");
        String incrementalWebhook = webhook("data.incremental_table_exported", incremental, "none", "a0a0a0a0a0a0a0a0a0a0a0a2");
        Path config = Files.writeString(dir.resolve("sluice.yaml"), """
                state: state
                controlshift:
                  store: ${CS_DB_URL}
                  webhook_secret: ${CS_WEBHOOK_SECRET}
                  allowed_hosts: [127.0.0.1]
                  allow_http: true
                  batch: { files: 5, max_age: 1s }
                """);
        int port = freePort();
        Map<String, String> env = Map.of("CS_DB_URL", pg.jdbcUrl(), "CS_WEBHOOK_SECRET", SECRET);

        CompletableFuture<CliHarness.Result> serving = CompletableFuture.supplyAsync(() -> CliHarness.run(env, "serve",
                "--config", config.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--interval", "200",
                "--stop-when-idle", "25"));
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/webhooks/controlshift");
        awaitHealthy(port, serving);
        HttpResponse<String> first = post(endpoint, fullWebhook, sign(fullWebhook));
        HttpResponse<String> second = post(endpoint, incrementalWebhook, sign(incrementalWebhook));
        HttpResponse<String> again = post(endpoint, fullWebhook, sign(fullWebhook));
        HttpResponse<String> unsigned = post(endpoint, incrementalWebhook.replace("a0a0a0a0a0a0a0a0a0a0a0a2", "b0"), null);
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        CliHarness.Result served = serving.get(120, TimeUnit.SECONDS);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"processed\"");
        assertThat(second.body()).contains("\"status\":\"processed\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"duplicate\"");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(metrics).contains("sluice_webhooks_total{endpoint=\"controlshift\",outcome=\"processed\"} 2.0")
                .contains("sluice_webhooks_total{endpoint=\"controlshift\",outcome=\"duplicate\"} 1.0")
                .contains("sluice_webhooks_total{endpoint=\"controlshift\",outcome=\"unauthorized\"} 1.0");

        assertThat(served.exitCode()).as(served.toString()).isZero();
        assertThat(served.out()).contains("POST /webhooks/controlshift").contains("nothing arrived in 25 look(s)");
        assertThat(served.out() + served.err()).doesNotContain(SECRET);
        // the incremental's batch (1 file of 5) could only close by age: serve's timer did it, no arrival after it;
        // whichever batch was loaded first, the incremental exported after the snapshot wins for id 2
        assertThat(emails()).containsExactly(Map.entry(1L, "ann@example.com"), Map.entry(2L, "bob@example.org"),
                Map.entry(3L, "cy, jr@example.com"), Map.entry(4L, "dee@example.com"));

        CliHarness.Result list = CliHarness.run(Map.of("SLUICE_POSTGRES_URL", pg.jdbcUrl()), "batches", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        List<String> rows = list.out().lines().skip(1).toList();
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row).contains("complete").contains("signatures"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("full"))
                .anySatisfy(row -> assertThat(row).contains("incremental"));
    }

    private String serve(String path, byte[] body) {
        bucket.createContext(path, exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        long expires = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        return "http://127.0.0.1:" + bucket.getAddress().getPort() + path + "?AWSAccessKeyId=XXX&Expires=" + expires
                + "&Signature=abc%3D";
    }

    /** ControlShift's payload, as its published example has it. */
    private static String webhook(String type, String url, String compression, String jid) {
        String key = URI.create(url).getPath();
        return """
                {"type":"%s","data":{"url":"%s","table":"signatures","s3":{"bucket":"agra-data-exports","key":"%s"},\
                "compression_format":"%s"},"jid":"%s"}""".formatted(type, url.replace("&", "\\u0026"), key, compression, jid);
    }

    private static String sign(String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256:" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(URI endpoint, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-ControlShift-Webhook-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bzip2(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Waits until serve answers /health (it has its store and its routes), failing if serve ended first. */
    private static void awaitHealthy(int port, CompletableFuture<CliHarness.Result> serving) throws Exception {
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        while (true) {
            if (serving.isDone()) {
                throw new AssertionError("serve ended before it was up: " + serving.get());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
    }

    private Map<Long, String> emails() throws Exception {
        Map<Long, String> emails = new LinkedHashMap<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, email FROM controlshift.signatures ORDER BY id")) {
            while (r.next()) {
                emails.put(r.getLong(1), r.getString(2));
            }
        }
        return emails;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
