package dev.sluice.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where output goes at a fixed clock, and what each row carries (spec §14 13, 20). */
class OutputLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aRunAtAFixedClockWritesUnderItsPartitionWithJobInfoAndNoSyncDirectivesUnlessConfigured() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH).mapping(JobFixture.README_MAPPING);

        job.run(); // 2022-06-06T11:58:19Z

        Path folder = job.job().resolve("output/braze/year=2022/month=06/day=06/time=115819");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("part-00000.json");
        }
        JsonNode row = job.output("braze", JobFixture.PARTITION).get(0);
        assertThat(row.get("jobInfo").get("name").asText()).isEqualTo("job1");
        assertThat(row.get("jobInfo").get("runDateTime").asText()).isEqualTo("2022-06-06T11:58:19Z");
        assertThat(row.has("syncDirectives")).isFalse();
        List<String> keys = new java.util.ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("queryItemId", "userId", "recommendations", "jobInfo");
    }

    @Test
    void syncDirectivesCarryWhatTheConnectorConfigures() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {\"attributePrefix\": \"recs_\","
                        + " \"otherAttributes\": {\"other_attrib1\": \"custom_value\"}, \"attributeShape\": \"arrays\"}}")
                .batch(JobFixture.README_BATCH).mapping(JobFixture.README_MAPPING);

        job.run();

        JsonNode directives = job.output("braze", JobFixture.PARTITION).get(0).get("syncDirectives");
        assertThat(directives.get("attributePrefix").asText()).isEqualTo("recs_");
        assertThat(directives.get("otherAttributes").get("other_attrib1").asText()).isEqualTo("custom_value");
        assertThat(directives.get("attributeShape").asText()).isEqualTo("arrays");
    }

    @Test
    void aMaintainingPersonalizedExperiencesFolderIsReadWithoutItsCheckFile() throws Exception {
        // batch/<dataset group>/<solution>/batch_<solution>_<timestamp>/ with _CHECK and job_config.json.out
        Path mpe = dir.resolve("batch/dsg/sims/batch_sims_2024_10_21_13_05_09");
        JobFixture.write(mpe.resolve("_CHECK"), "whatever the check holds {not json");
        JobFixture.write(mpe.resolve("job_config.json.out"), JobFixture.README_BATCH);
        JobFixture job = JobFixture.relatedItems(dir)
                .write("config.json", "{\"batchInferencePath\": \"" + mpe + "\", \"connectors\": {\"braze\": {}}}")
                .mapping(JobFixture.README_MAPPING);

        var report = job.run();

        assertThat(report.batchFiles()).isEqualTo(1);
        assertThat(report.badLines()).isZero();
        assertThat(job.output("braze", JobFixture.PARTITION)).hasSize(4);
        assertThat(job.warnings()).isEmpty();
    }

    @Test
    void aFileNotNamedOutIsReadWithAWarningAndEmptyFilesAreSkipped() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir).config("\"connectors\": {\"braze\": {}}")
                .batch("results.jsonl", JobFixture.README_BATCH).batch("empty.out", "")
                .mapping(JobFixture.README_MAPPING);

        var report = job.run();

        assertThat(report.batchFiles()).isEqualTo(1);
        assertThat(job.warnings()).singleElement().asString().contains("results.jsonl").contains(".out");
    }
}
