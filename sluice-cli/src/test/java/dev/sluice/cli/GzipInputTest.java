package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.braze.sandbox.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gzip file (recognised by its bytes, whatever its name) imports, and resumes after a stop. */
class GzipInputTest {
    private static final int ROWS = 3000;

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @Test
    void aGzipFileImportsAndResumes() throws IOException {
        Path plain = CliHarness.users(cli.dir().resolve("plain.csv"), ROWS);
        Path file = CliHarness.write(cli.dir().resolve("users.csv.gz"), gzip(CliHarness.read(plain)));
        cli.sandbox().faults().afterRequests(8, Fault.status(401), 1000);

        CliHarness.Result stopped = cli.importJson(file, "--concurrency", "4");
        assertThat(stopped.exitCode()).as("%s", stopped).isEqualTo(3);
        cli.sandbox().faults().clear();
        CliHarness.Result resumed = cli.importJson(file, "--concurrency", "4");

        assertThat(resumed.exitCode()).as("%s", resumed).isZero();
        JsonNode s = resumed.json();
        assertThat(s.get("resumed").asBoolean()).isTrue();
        assertThat(s.get("rows_read").asLong()).isEqualTo(ROWS);
        assertThat(s.get("accepted").asLong()).isEqualTo(ROWS);
        assertThat(cli.sandbox().stats().users()).isEqualTo(ROWS);
        assertThat(cli.sandbox().user(CliHarness.userId(ROWS)).orElseThrow()).containsEntry("plan", "p" + ROWS);
        assertThat(cli.sandbox().user("external_id")).isEmpty();
        assertThat(cli.duplicates()).isLessThanOrEqualTo(4 * 75);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
