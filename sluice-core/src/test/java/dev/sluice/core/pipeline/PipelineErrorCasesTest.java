package dev.sluice.core.pipeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every file in {@code pipeline/errors/} is a pipelines file that must be refused, and says how in its first
 * four lines: {@code # line:}, {@code # column:}, {@code # field:} and {@code # reason:} (the message
 * after file, place and field). No message may show a secret from the environment or a key from the file.
 */
class PipelineErrorCasesTest {

    static final String SECRET = "sekret-KEY-123";
    static final String LITERAL_KEY = "abc123secret";
    static final Map<String, String> ENV = Map.of(
            "BRAZE_API_URL", "https://rest.example.com",
            "BRAZE_API_KEY", SECRET,
            "BZ", SECRET,
            "BATCH", "seventy",
            "EMPTY", "");

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(PipelineErrorCasesTest.class.getResource("/pipeline/errors").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(40);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithPlaceFieldAndReason(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int line = Integer.parseInt(header(lines.get(0), "line"));
        int column = Integer.parseInt(header(lines.get(1), "column"));
        String field = header(lines.get(2), "field");
        String reason = header(lines.get(3), "reason");

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> PipelinesFile.load(file, ENV));

        assertThat(e).as("%s loads, but should not", file.getFileName()).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).isEqualTo(file + ":" + line + ":" + column + ": "
                + (field.isEmpty() ? "" : field + ": ") + reason);
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(LITERAL_KEY);
    }

    private static String header(String text, String name) {
        String prefix = "# " + name + ":";
        assertThat(text).startsWith(prefix);
        return text.substring(prefix.length()).strip();
    }
}
