package dev.sluice.personalize.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks end at line breaks whatever the block size, and line numbers run on across blocks. */
class LineBlockReaderTest {

    private static List<String> read(String text, int blockBytes) throws Exception {
        List<String> lines = new ArrayList<>();
        try (LineBlockReader reader = new LineBlockReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "f", blockBytes)) {
            for (LineBlock block = reader.next(); block != null; block = reader.next()) {
                block.forEachLine((n, bytes, offset, length) ->
                        lines.add(n + ":" + new String(bytes, offset, length, StandardCharsets.UTF_8)));
            }
        }
        return lines;
    }

    @Test
    void everyBlockSizeGivesTheSameLines() throws Exception {
        String text = "first\r\nsecond line\n\n  \nfourth is a much longer line than a small block\nlast";
        List<String> expected = List.of("1:first", "2:second line", "5:fourth is a much longer line than a small block",
                "6:last");
        for (int size = 1; size <= text.length() + 2; size++) {
            assertThat(read(text, size)).as("block size %d", size).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyStreamHasNoBlocks() throws Exception {
        assertThat(read("", 16)).isEmpty();
    }
}
