package dev.sluice.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.run.JobReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error lines: split off, saved only when configured, never a crash on a missing key (spec §14 6); bad lines kept. */
class ErrorSplitTest {
    @TempDir
    Path dir;

    static final String MIXED = """
            {"input":{"userId":"u1"},"output":{"recommendedItems":["a","b"]},"error":null}
            {"input":{"userId":"u2"},"output":{"recommendedItems":["c"]}}
            {"input":{"userId":"u3"},"output":null,"error":"Item filter failed"}
            {"input":{"userId":"u4"},"error":{"code":"Internal","message":"retry later"}}
            """;

    @Test
    void errorLinesAreSavedVerbatimWhenConfigured() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir)
                .config("\"saveBatchInferenceErrors\": true, \"connectors\": {\"braze\": {}}").batch(MIXED);

        JobReport report = job.run();

        assertThat(job.output("braze", JobFixture.PARTITION)).extracting(r -> r.get("queryUserId").asText())
                .containsExactly("u1", "u2");
        List<JsonNode> errors = JobFixture.jsonLines(job.job().resolve("errors").resolve(JobFixture.PARTITION));
        assertThat(errors).extracting(e -> e.get("input").get("userId").asText()).containsExactly("u3", "u4");
        assertThat(errors.get(1).get("error").get("message").asText()).isEqualTo("retry later");
        assertThat(report.errorLines()).isEqualTo(2);
        assertThat(report.linesRead()).isEqualTo(report.queryLines() + report.errorLines() + report.badLines());
    }

    @Test
    void withoutTheSettingErrorsAreCountedButNotSaved() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir).config("\"connectors\": {\"braze\": {}}").batch(MIXED);

        JobReport report = job.run();

        assertThat(report.errorLines()).isEqualTo(2);
        assertThat(job.job().resolve("errors")).doesNotExist();
        assertThat(job.output("braze", JobFixture.PARTITION)).hasSize(2);
    }

    @Test
    void aFileWhereNoLineHasAnErrorKeyIsFine() throws Exception {
        JobFixture job = JobFixture.relatedItems(dir)
                .config("\"saveBatchInferenceErrors\": true, \"connectors\": {\"braze\": {}}")
                .batch(JobFixture.README_BATCH).mapping(JobFixture.README_MAPPING);

        JobReport report = job.run();

        assertThat(report.errorLines()).isZero();
        assertThat(job.output("braze", JobFixture.PARTITION)).hasSize(4);
        assertThat(job.job().resolve("errors")).doesNotExist();
    }

    @Test
    void unreadableLinesAreRejectedWithLineAndColumnAndTheRestIsRead() throws Exception {
        JobFixture job = JobFixture.userPersonalization(dir).config("\"connectors\": {\"braze\": {}}")
                .batch("""
                        {"input":{"userId":"u1"},"output":{"recommendedItems":["a"]}}
                        {"input":{"userId":"u2"},"output":{"recommendedItems":["a",}}

                        {"input":{"itemId":"i9"},"output":{"recommendedItems":["a"]}}
                        {"input":{"userId":"u5"},"output":{"recommendedItems":["b"]}}
                        """);

        JobReport report = job.run();

        assertThat(job.output("braze", JobFixture.PARTITION)).extracting(r -> r.get("queryUserId").asText())
                .containsExactly("u1", "u5");
        List<JsonNode> rejects = JobFixture.jsonLines(job.job().resolve("rejects").resolve(JobFixture.PARTITION));
        assertThat(rejects).extracting(r -> r.get("line").asInt()).containsExactly(2, 4);
        assertThat(rejects.get(0).get("column").asInt()).isEqualTo(60); // the "}" after "a",
        assertThat(rejects.get(1).get("reason").asText()).contains("no input.userId");
        assertThat(rejects.get(0).get("file").asText()).endsWith("batch/out/job_config.json.out");
        assertThat(report.linesRead()).isEqualTo(4);
        assertThat(report.badLines()).isEqualTo(2);
    }
}
