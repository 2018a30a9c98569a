package dev.sluice.lambda.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** S3 event notifications as S3 sends them: AWS's sample ObjectCreated:Put event, pointed at a real object. */
public final class S3Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Events() {
    }

    /** The event for an object just put; the key is URL-encoded as S3 encodes it ('+' for a space). */
    public static ObjectNode put(String bucket, String key, long size, String eTag) {
        ObjectNode event;
        try (InputStream in = S3Events.class.getResourceAsStream("/events/s3-put.json")) {
            event = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3.get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", size).put("eTag", eTag);
        try {
            return (ObjectNode) JSON.readTree(bytes(event)); // as a handler reads it: small numbers as ints
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
