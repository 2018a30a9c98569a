package dev.sluice.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bodies of queue messages that carry S3 event notifications: the standard
 * {@code {"Records":[…]}} JSON (as S3 sends it to SQS, and as Lambda receives it), the same wrapped in
 * an SNS envelope (S3 → SNS → SQS), and the {@code s3:TestEvent} S3 sends when notifications are set
 * up, which carries no object. Only {@code ObjectCreated:*} records are returned; removals are ignored.
 */
public final class S3EventMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventMessages() {
    }

    /** The created objects a message announces; empty for a test event or removals. */
    public static List<S3ObjectEvent> parse(String body) {
        return created(read(body));
    }

    /** The S3 event a message body carries, unwrapped from an SNS notification when it is one. */
    public static JsonNode read(String body) {
        JsonNode root = json(body);
        if (root.has("Type") && root.has("Message") && "Notification".equals(root.path("Type").asText())) {
            root = json(root.path("Message").asText());
        }
        return root;
    }

    /** Whether the event is the {@code s3:TestEvent} S3 sends when notifications are set up. */
    public static boolean isTestEvent(JsonNode event) {
        return "s3:TestEvent".equals(event.path("Event").asText());
    }

    /** The {@code ObjectCreated:*} records of an S3 event; empty for a test event or removals. */
    public static List<S3ObjectEvent> created(JsonNode event) {
        if (isTestEvent(event)) {
            return List.of();
        }
        JsonNode records = event.path("Records");
        if (!records.isArray()) {
            throw new S3EventFormatException("not an S3 event notification (no \"Records\" list): " + preview(event.toString()));
        }
        List<S3ObjectEvent> events = new ArrayList<>();
        for (JsonNode record : records) {
            String name = record.path("eventName").asText("");
            if (name.startsWith("ObjectCreated:")) {
                events.add(toEvent(name, record.path("s3")));
            }
        }
        return events;
    }

    private static S3ObjectEvent toEvent(String name, JsonNode s3) {
        String bucket = s3.path("bucket").path("name").asText(null);
        JsonNode object = s3.path("object");
        String key = object.path("key").asText(null);
        if (bucket == null || key == null) {
            throw new S3EventFormatException("an S3 event record without s3.bucket.name or s3.object.key");
        }
        String eTag = object.path("eTag").asText(null);
        return new S3ObjectEvent(name, bucket, decodeKey(key), object.path("versionId").asText(null),
                eTag == null ? null : eTag.replace("\"", ""), object.path("size").asLong(-1));
    }

    /** S3 encodes keys in events as form data: {@code +} is a space, {@code %2B} a plus. */
    static String decodeKey(String key) {
        return URLDecoder.decode(key, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new S3EventFormatException("not JSON: " + preview(body), e);
        }
    }

    private static String preview(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
