package dev.sluice.postgres.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.LoadState;
import dev.sluice.postgres.load.TableRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Redshift flow as text: no Redshift runs here, so these tests check the statements and manifests
 * against what Redshift's documentation requires (manifest entries mandatory with content_length, COPY
 * … MANIFEST by column name, no TRUNCATE, MERGE from a deduplicated stage, rename swap in the transaction).
 */
class RedshiftLoadScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRef EVENTS = new TableRef("controlshift", "events");
    private final RedshiftLoadScript script = new RedshiftLoadScript("arn:aws:iam::123456789012:role/loader", "us-east-1");

    private static S3File file(String name, List<String> header, String ts) {
        return new S3File("/default/" + name, "s3://agra-data-exports/default/" + name, 1234, header,
                ts == null ? null : Instant.parse(ts), "BZIP2");
    }

    @Test
    void theManifestListsEveryFileAsMandatoryWithItsLength() throws Exception {
        JsonNode manifest = JSON.readTree(RedshiftManifest.json(List.of(
                file("events_20241016.csv.bz2", List.of("id"), null), file("events_20241017.csv.bz2", List.of("id"), null))));
        assertThat(manifest.get("entries")).hasSize(2);
        JsonNode first = manifest.get("entries").get(0);
        assertThat(first.get("url").asText()).isEqualTo("s3://agra-data-exports/default/events_20241016.csv.bz2");
        assertThat(first.get("mandatory").asBoolean()).isTrue();
        assertThat(first.get("meta").get("content_length").asLong()).isEqualTo(1234);
    }

    @Test
    void aFullLoadCopiesByHeaderNameIntoAStageReappliesNewerIncrementalsAndSwapsWithoutTruncate() {
        S3File full = file("events_20241016010000.csv.bz2", List.of("id", "title", "end", "updated_at"), "2024-10-16T01:00:00Z");
        RedshiftLoadScript.Script s = script.load(EVENTS, LoadMode.FULL, List.of("id"), true, List.of(full),
                List.of("s3://manifests/m1.json"), null, "ab12");
        String journal = LoadState.journal(EVENTS).sql();
        assertThat(s.transaction()).containsExactly(
                "BEGIN",
                "INSERT INTO sluice_loads.files (target, file_key, mode, export_ts, status) VALUES ('controlshift.events',"
                        + " '/default/events_20241016010000.csv.bz2', 'FULL', '2024-10-16 01:00:00'::timestamp, 'LOADED')",
                "CREATE TABLE \"controlshift\".\"sluice_stage_ab12\" (LIKE \"controlshift\".\"events\")",
                "COPY \"controlshift\".\"sluice_stage_ab12\" (\"id\", \"title\", \"end\", \"updated_at\") FROM"
                        + " 's3://manifests/m1.json' IAM_ROLE 'arn:aws:iam::123456789012:role/loader' MANIFEST FORMAT AS CSV"
                        + " IGNOREHEADER 1 EMPTYASNULL TIMEFORMAT 'auto' BZIP2 REGION 'us-east-1'",
                "CREATE TEMP TABLE \"sluice_deduped\" AS SELECT \"id\", \"title\", \"end\", \"updated_at\" FROM (SELECT"
                        + " \"id\", \"title\", \"end\", \"updated_at\", ROW_NUMBER() OVER (PARTITION BY \"id\" ORDER BY"
                        + " \"updated_at\" DESC NULLS LAST, \"sluice__export_ts\" DESC NULLS LAST, \"sluice__ord\" DESC NULLS"
                        + " LAST) AS sluice__rank FROM " + journal + " WHERE \"sluice__export_ts\" > '2024-10-16"
                        + " 01:00:00'::timestamp) WHERE sluice__rank = 1",
                "DELETE FROM \"sluice_deduped\" USING \"controlshift\".\"sluice_stage_ab12\" t WHERE t.\"id\" ="
                        + " \"sluice_deduped\".\"id\" AND t.\"updated_at\" > \"sluice_deduped\".\"updated_at\"",
                "MERGE INTO \"controlshift\".\"sluice_stage_ab12\" USING \"sluice_deduped\" s ON"
                        + " \"controlshift\".\"sluice_stage_ab12\".\"id\" = s.\"id\" WHEN MATCHED THEN UPDATE SET \"title\" ="
                        + " s.\"title\", \"end\" = s.\"end\", \"updated_at\" = s.\"updated_at\" WHEN NOT MATCHED THEN INSERT"
                        + " (\"id\", \"title\", \"end\", \"updated_at\") VALUES (s.\"id\", s.\"title\", s.\"end\", s.\"updated_at\")",
                "DROP TABLE \"sluice_deduped\"",
                "DELETE FROM " + journal + " WHERE \"sluice__export_ts\" <= '2024-10-16 01:00:00'::timestamp",
                "ALTER TABLE \"controlshift\".\"events\" RENAME TO \"sluice_retired_ab12\"",
                "ALTER TABLE \"controlshift\".\"sluice_stage_ab12\" RENAME TO \"events\"",
                "UPDATE sluice_loads.tables SET full_export_ts = '2024-10-16 01:00:00'::timestamp, full_file_key ="
                        + " '/default/events_20241016010000.csv.bz2' WHERE target = 'controlshift.events'",
                "COMMIT");
        assertThat(s.afterCommit()).containsExactly("DROP TABLE \"controlshift\".\"sluice_retired_ab12\"");
        assertThat(String.join("\n", s.transaction())).doesNotContainIgnoringCase("truncate");
    }

    @Test
    void anIncrementalLoadCopiesEachFileByItsOwnHeaderThenMergesOnceAndJournals() {
        S3File a = file("signatures_1.csv.bz2", List.of("id", "email", "updated_at"), "2024-10-16T12:00:00Z");
        S3File b = file("signatures_2.csv.bz2", List.of("email", "id", "updated_at", "source"), "2024-10-16T12:01:00Z");
        TableRef signatures = new TableRef("public", "signatures");
        RedshiftLoadScript.Script s = script.load(signatures, LoadMode.INCREMENTAL, List.of("id"), true, List.of(a, b),
                List.of("s3://m/1.json", "s3://m/2.json"), null, "cd34");
        assertThat(s.manifests()).hasSize(2);
        List<String> sql = s.transaction();
        assertThat(sql).contains(
                "INSERT INTO \"public\".\"sluice_stage_cd34\" (\"email\", \"id\", \"updated_at\", \"source\","
                        + " \"sluice__export_ts\", \"sluice__ord\") SELECT \"email\", \"id\", \"updated_at\", \"source\","
                        + " '2024-10-16 12:01:00'::timestamp, 1 FROM \"public\".\"sluice_file_cd34_1\"");
        assertThat(sql.stream().filter(q -> q.startsWith("COPY "))).hasSize(2)
                .anyMatch(q -> q.startsWith("COPY \"public\".\"sluice_file_cd34_1\" (\"email\", \"id\", \"updated_at\", \"source\")"));
        assertThat(sql.stream().filter(q -> q.startsWith("MERGE INTO \"public\".\"signatures\""))).hasSize(1);
        assertThat(sql).anyMatch(q -> q.startsWith("INSERT INTO " + LoadState.journal(signatures).sql()));
        assertThat(sql.get(sql.size() - 1)).isEqualTo("COMMIT");
        assertThat(String.join("\n", sql)).doesNotContainIgnoringCase("truncate").doesNotContain("ON CONFLICT");
    }

    @Test
    void beforeLoadLocksTheStateAndAsksForKnownKeysAndTheLastFull() {
        List<String> sql = script.beforeLoad(EVENTS, List.of(file("it's.csv", List.of("id"), null)));
        assertThat(sql.get(0)).isEqualTo("LOCK sluice_loads.files, sluice_loads.tables");
        assertThat(sql.get(1)).endsWith("file_key IN ('/default/it''s.csv')");
    }
}
