package dev.sluice.postgres.redshift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A COPY manifest: every entry {@code mandatory} (a missing file fails the COPY instead of loading
 * less), with {@code content_length} (which Redshift requires for some formats and checks for all).
 */
public final class RedshiftManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedshiftManifest() {
    }

    public static String json(List<S3File> files) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode entries = root.putArray("entries");
        for (S3File file : files) {
            ObjectNode entry = entries.addObject();
            entry.put("url", file.url());
            entry.put("mandatory", true);
            entry.putObject("meta").put("content_length", file.sizeBytes());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
