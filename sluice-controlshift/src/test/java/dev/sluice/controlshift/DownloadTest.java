package dev.sluice.controlshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchFile;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.FileStatus;
import dev.sluice.controlshift.fetch.DownloadRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec test cases 6 and 7, and the download's guards: expiry, retries, allowed hosts, size limits, bzip2. */
class DownloadTest extends PipelineTest {
    private ControlShift pipeline;

    @BeforeEach
    void start() throws Exception {
        pipeline = fx.pipeline("worker-1");
    }

    @Test
    void aBzip2FileLoadsIdenticallyToItsUncompressedTwin() throws Exception {
        byte[] plain = Fixture.categories(1, 500);
        fx.announce(pipeline, fx.export(ExportKind.FULL, "categories", plain, false));
        pipeline.worker().runUntilIdle();
        List<String> fromPlain = rows();

        // pbzip2 and ControlShift's exporter may write several bzip2 streams back to back: all are read
        byte[] half1 = Arrays.copyOfRange(plain, 0, plain.length / 2);
        byte[] half2 = Arrays.copyOfRange(plain, plain.length / 2, plain.length);
        byte[] bz2 = concat(bzip2(half1), bzip2(half2));
        Fixture.Export compressed = fx.export(ExportKind.FULL, "categories", bz2, true);
        fx.announce(pipeline, compressed);
        fx.clock.advance(Duration.ofSeconds(1));
        pipeline.worker().runUntilIdle();

        assertThat(rows()).hasSize(500).isEqualTo(fromPlain);
        assertThat(pipeline.batches().list(BatchStatus.COMPLETE, "categories", 10)).hasSize(2);
        assertThat(fx.count("SELECT csv_bytes FROM sluice_controlshift.events WHERE compression = 'bzip2'")).isEqualTo(plain.length);
        assertThat(fx.count("SELECT wire_bytes FROM sluice_controlshift.events WHERE compression = 'bzip2'")).isEqualTo(bz2.length);
    }

    @Test
    void aUrlPastItsLifetimeIsNotFetchedTheBatchFailsAsExpiredAndTheFailureIsNotified() throws Exception {
        Fixture.Export export = fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 3), false);
        fx.announce(pipeline, export);
        fx.clock.advance(Duration.ofHours(7));

        pipeline.worker().runUntilIdle();

        assertThat(http.gets(export.path())).isZero();
        Batch batch = Fixture.only(pipeline.batches().list(null, null, 10));
        assertThat(batch.status()).isEqualTo(BatchStatus.ERROR);
        assertThat(batch.error()).startsWith("expired").doesNotContain("Signature");
        assertThat(pipeline.batches().files(batch.id())).extracting(BatchFile::status).containsExactly(FileStatus.MISSING);
        assertThat(fx.count("SELECT count(*) FROM sluice_controlshift.events WHERE status = 'EXPIRED'")).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'controlshift'")).isZero();
        assertThat(http.posts("/notify/error")).singleElement().satisfies(notice -> assertThat(notice)
                .contains("\"batchId\":" + batch.id()).contains("\"status\":\"error\"").contains("expired"));
        assertThat(http.posts("/notify/ok")).isEmpty();
    }

    @Test
    void http403FromTheBucketIsTheTerminalExpiredFailure() throws Exception {
        Fixture.Export export = fx.export(ExportKind.FULL, "categories", Fixture.categories(1, 3), false);
        http.failNext(export.path(), 403);
        fx.announce(pipeline, export);

        pipeline.worker().runUntilIdle();
        fx.clock.advance(Duration.ofHours(1));
        pipeline.worker().runUntilIdle();

        assertThat(http.gets(export.path())).isEqualTo(1);
        Batch batch = Fixture.only(pipeline.batches().list(null, null, 10));
        assertThat(batch.status()).isEqualTo(BatchStatus.ERROR);
        assertThat(batch.error()).contains("expired").contains("HTTP 403");
    }

    @Test
    void serverErrorsAndABrokenTransferAreRetriedWithBackoffUntilTheFileArrives() throws Exception {
        Fixture.Export export = fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 200), false);
        http.failNext(export.path(), 503, 500);
        fx.announce(pipeline, export);

        ControlShiftWorker.Pass first = pipeline.worker().runOnce();
        ControlShiftWorker.Pass tooEarly = pipeline.worker().runOnce();
        fx.clock.advance(Duration.ofSeconds(15));
        pipeline.worker().runOnce();
        http.truncateNext(export.path(), 100);
        fx.clock.advance(Duration.ofSeconds(30));
        ControlShiftWorker.Pass broken = pipeline.worker().runOnce();
        fx.clock.advance(Duration.ofSeconds(60));
        pipeline.worker().runUntilIdle();

        assertThat(first.notDownloaded()).isEqualTo(1);
        assertThat(tooEarly.notDownloaded()).as("the backoff holds the next attempt").isZero();
        assertThat(broken.notDownloaded()).isEqualTo(1);
        assertThat(http.gets(export.path())).isEqualTo(4);
        assertThat(fx.ids("categories")).hasSize(200);
        assertThat(Fixture.only(pipeline.batches().list(null, null, 10)).status()).isEqualTo(BatchStatus.COMPLETE);
    }

    @Test
    void retriesEndAfterTheLastAttempt() throws Exception {
        DownloadRules twoAttempts = new DownloadRules(List.of(http.host()), true, 1 << 20, 1 << 20, Duration.ofHours(6),
                Duration.ofSeconds(5), 2, Duration.ofSeconds(1), Duration.ofSeconds(1));
        fx.with(fx.settings().withDownloads(twoAttempts));
        pipeline = fx.pipeline("worker-1");
        Fixture.Export export = fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 2), false);
        http.failNext(export.path(), 502, 502, 502);
        fx.announce(pipeline, export);

        pipeline.worker().runOnce();
        fx.clock.advance(Duration.ofSeconds(2));
        pipeline.worker().runUntilIdle();

        assertThat(http.gets(export.path())).isEqualTo(2);
        Batch batch = Fixture.only(pipeline.batches().list(null, null, 10));
        assertThat(batch.status()).isEqualTo(BatchStatus.ERROR);
        assertThat(batch.error()).contains("gave up after 2 download attempts").contains("HTTP 502");
    }

    @Test
    void aHostNotAllowedIsNeverContacted() throws Exception {
        Fixture.Export export = fx.export(ExportKind.FULL, "categories", Fixture.categories(1, 2), false);
        URI elsewhere = URI.create(export.url().toString().replace("127.0.0.1", "localhost"));
        Fixture.Export offList = new Fixture.Export(export.kind(), export.table(), export.path(), elsewhere, false, export.jid());
        fx.announce(pipeline, offList);

        pipeline.worker().runUntilIdle();

        assertThat(http.gets(export.path())).isZero();
        assertThat(Fixture.only(pipeline.batches().list(null, null, 10)).error()).contains("host localhost is not an allowed download host");
    }

    @Test
    void aFileOverTheDownloadLimitOrABzip2BombIsRefused() throws Exception {
        fx.with(fx.settings().withDownloads(fx.settings().downloads().withLimits(10_000, 100_000)));
        pipeline = fx.pipeline("worker-1");
        Fixture.Export large = fx.export(ExportKind.INCREMENTAL, "categories", Fixture.categories(1, 1000), false);
        Fixture.Export bomb = fx.export(ExportKind.INCREMENTAL, "categories", bzip2(new byte[5_000_000]), true);
        fx.announce(pipeline, large);
        fx.announce(pipeline, bomb);

        pipeline.worker().runUntilIdle();

        List<String> errors = new ArrayList<>();
        for (Batch b : pipeline.batches().list(null, null, 10)) {
            assertThat(b.status()).isEqualTo(BatchStatus.ERROR);
            errors.add(b.error());
        }
        assertThat(bzip2(new byte[5_000_000]).length).isLessThan(10_000);
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("more than the limit of 10000"))
                .anySatisfy(e -> assertThat(e).contains("decompresses to more than 100000 bytes"));
        assertThat(spool.toFile().list()).isEmpty();
    }

    @Test
    void aCorruptBzip2FileFailsWithAClearReason() throws Exception {
        byte[] corrupt = bzip2(Fixture.categories(1, 100));
        corrupt[corrupt.length / 2] ^= 0x55;
        fx.announce(pipeline, fx.export(ExportKind.FULL, "categories", corrupt, true));

        pipeline.worker().runUntilIdle();

        Batch batch = Fixture.only(pipeline.batches().list(null, null, 10));
        assertThat(batch.status()).isEqualTo(BatchStatus.ERROR);
        assertThat(batch.error()).contains("not a valid bzip2 file");
    }

    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, name, organisation_id FROM controlshift.categories ORDER BY id")) {
            while (r.next()) {
                rows.add(r.getLong(1) + "|" + r.getString(2) + "|" + r.getInt(3));
            }
        }
        return rows;
    }

    static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
            bz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
