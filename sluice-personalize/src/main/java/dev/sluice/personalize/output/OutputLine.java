package dev.sluice.personalize.output;

import dev.sluice.personalize.inference.LineBlock;
import dev.sluice.personalize.inference.LineBlockReader;
import dev.sluice.personalize.job.Folder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One line of an output file, for the step that delivers it. */
public record OutputLine(String file, long number, byte[] bytes) {

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Receives the lines of a file a block at a time. */
    @FunctionalInterface
    public interface Handler {
        void lines(List<OutputLine> lines) throws IOException;
    }

    /** Reads a file of {@code folder} (gzip is decompressed) and hands its lines over about a MiB at a time. */
    public static void read(Folder folder, String key, Handler handler) throws IOException {
        String name = folder.describe() + key;
        try (InputStream in = folder.open(key); LineBlockReader reader = new LineBlockReader(in, name, 1 << 20)) {
            for (LineBlock block = reader.next(); block != null; block = reader.next()) {
                List<OutputLine> lines = new ArrayList<>();
                block.forEachLine((number, bytes, offset, length) ->
                        lines.add(new OutputLine(name, number, Arrays.copyOfRange(bytes, offset, offset + length))));
                handler.lines(lines);
            }
        }
    }
}
