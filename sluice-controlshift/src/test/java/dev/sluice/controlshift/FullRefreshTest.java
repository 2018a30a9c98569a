package dev.sluice.controlshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchFile;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.FileStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spec D15 and test case 16, through the worker and the real table loader: the nightly full export
 * replaces the table, yet incremental rows exported after its snapshot survive the swap, and those
 * exported before it do not come back.
 */
class FullRefreshTest extends PipelineTest {

    @Test
    void anIncrementalExportedAfterTheSnapshotAndLoadedBeforeTheFullIsStillThereAfterTheSwap() throws Exception {
        ControlShift pipeline = fx.pipeline("worker-1");
        // export times follow creation order: before the snapshot, the snapshot, after it
        Fixture.Export before = fx.export(ExportKind.INCREMENTAL, "categories", csv("50,deleted before the snapshot"), false);
        Fixture.Export full = fx.export(ExportKind.FULL, "categories", csv("1,one", "2,two", "3,three"), false);
        Fixture.Export after = fx.export(ExportKind.INCREMENTAL, "categories", csv("2,two renamed after the snapshot", "100,new"), false);

        fx.announce(pipeline, before);
        fx.announce(pipeline, after);
        pipeline.worker().runUntilIdle();
        Map<Long, String> beforeTheFull = names();
        fx.announce(pipeline, full);
        pipeline.worker().runUntilIdle();

        assertThat(beforeTheFull).containsOnlyKeys(2L, 50L, 100L);
        assertThat(names()).containsExactly(Map.entry(1L, "one"), Map.entry(2L, "two renamed after the snapshot"),
                Map.entry(3L, "three"), Map.entry(100L, "new"));
        assertThat(pipeline.batches().list(null, null, 10)).hasSize(2)
                .allSatisfy(b -> assertThat(b.status()).isEqualTo(BatchStatus.COMPLETE));
        assertThat(fx.count("SELECT count(*) FROM controlshift.categories")).isEqualTo(4);
    }

    @Test
    void anIncrementalExportedBeforeTheLoadedFullIsSupersededNotApplied() throws Exception {
        ControlShift pipeline = fx.pipeline("worker-1");
        Fixture.Export late = fx.export(ExportKind.INCREMENTAL, "categories", csv("1,stale name", "60,gone by the snapshot"), false);
        Fixture.Export full = fx.export(ExportKind.FULL, "categories", csv("1,one"), false);
        fx.announce(pipeline, full);
        pipeline.worker().runUntilIdle();

        fx.announce(pipeline, late);
        pipeline.worker().runUntilIdle();

        assertThat(names()).containsExactly(Map.entry(1L, "one"));
        Batch incremental = pipeline.batches().list(null, null, 10).get(0);
        assertThat(incremental.kind()).isEqualTo(ExportKind.INCREMENTAL);
        assertThat(incremental.status()).isEqualTo(BatchStatus.COMPLETE);
        assertThat(pipeline.batches().files(incremental.id())).extracting(BatchFile::status, BatchFile::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FileStatus.SKIPPED,
                        "superseded: a full export taken after it is already in controlshift.categories"));
    }

    private static byte[] csv(String... rows) {
        return ("id,name\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private Map<Long, String> names() throws Exception {
        Map<Long, String> names = new LinkedHashMap<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, name FROM controlshift.categories ORDER BY id")) {
            while (r.next()) {
                names.put(r.getLong(1), r.getString(2));
            }
        }
        return names;
    }
}
