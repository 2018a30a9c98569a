package dev.sluice.personalize.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.personalize.decorate.Json;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.output.PartWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps every {@link Reject} of a run as JSON Lines under {@code rejects/<partition>/}:
 * {@code {"file":…,"line":…,"column":…,"reason":…,"original":…}}. Thread-safe.
 */
public final class RejectsWriter implements Consumer<Reject>, AutoCloseable {
    private static final byte[] NONE = new byte[0];
    private final PartWriter parts;
    private long count;

    public RejectsWriter(Folder job, String partition) {
        this.parts = new PartWriter(job, "rejects/" + partition, Long.MAX_VALUE);
    }

    @Override
    public synchronized void accept(Reject reject) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("file", reject.file())
                .put("line", reject.line())
                .put("column", reject.column())
                .put("reason", reject.reason())
                .put("original", reject.original());
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(node);
            parts.line(bytes, 0, bytes.length, NONE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file: " + e.getMessage(), e);
        }
        count++;
    }

    public synchronized long count() {
        return count;
    }

    /** The published file's key, if anything was rejected. */
    public synchronized List<String> files() {
        return parts.parts();
    }

    @Override
    public synchronized void close() throws IOException {
        parts.close();
    }
}
