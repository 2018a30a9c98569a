package dev.sluice.lambda.continuation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.aws.events.S3EventFormatException;
import dev.sluice.aws.events.S3EventMessages;
import dev.sluice.aws.events.S3ObjectEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One file to import, as the seed's Lambda receives it: an S3 event notification with one record,
 * optionally continued with {@code "offset"} (bytes from the start of the file) and {@code "headers"}
 * (the column names, needed when the offset is past the header line). {@link #continuation} builds the
 * next event of a chain in exactly that shape, so an event logged after a fatal error can be pasted
 * into the Lambda console as it is.
 *
 * @param event     the S3 event with this file's record only, without offset and headers
 * @param key       the object key, URL-decoded ('+' is a space, as S3 encodes keys in events)
 * @param versionId null in an unversioned bucket
 * @param eTag      the ETag the event saw, without quotes; null when the event has none
 * @param offset    null when the event carries none (the file starts at its beginning)
 * @param headers   null when the event carries none
 */
public record FileEvent(ObjectNode event, String bucket, String key, String versionId, String eTag, Long offset,
        List<String> headers) {

    public FileEvent {
        headers = headers == null ? null : List.copyOf(headers);
    }

    /**
     * The files of an S3 event: one per {@code ObjectCreated} record (others, e.g. removals, have none). The seed's fields {@code offset} and {@code headers}
     * belong to its single record; an event with several records cannot carry them.
     *
     * @throws IllegalArgumentException for JSON that is not an S3 event, naming what is missing
     */
    public static List<FileEvent> parse(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("Records").isArray() || json.path("Records").isEmpty()) {
            throw new IllegalArgumentException("not an S3 event: expected {\"Records\": [{\"s3\": ...}]}");
        }
        ArrayNode records = (ArrayNode) json.get("Records");
        Long offset = offset(json);
        List<String> headers = headers(json);
        if (records.size() > 1 && (offset != null || headers != null)) {
            throw new IllegalArgumentException("an event with \"offset\" or \"headers\" must have exactly one record, not "
                    + records.size());
        }
        List<FileEvent> files = new ArrayList<>();
        for (JsonNode record : records) {
            ObjectNode single = ((ObjectNode) json).deepCopy();
            single.remove(List.of("offset", "headers"));
            single.putArray("Records").add(record.deepCopy());
            // the record read as serve reads it: ObjectCreated only, the key URL-decoded
            for (S3ObjectEvent created : created(single)) {
                files.add(new FileEvent(single, created.bucket(), created.key(), created.versionId(), created.eTag(),
                        offset, headers));
            }
        }
        return files;
    }

    /** This file's event continued at {@code offset} with {@code headers}: the seed's continuation shape. */
    public ObjectNode continuation(long offset, List<String> headers) {
        ObjectNode next = event.deepCopy();
        next.put("offset", offset);
        if (headers == null) {
            next.putNull("headers");
        } else {
            ArrayNode names = next.putArray("headers");
            headers.forEach(names::add);
        }
        return next;
    }

    /** {@code s3://bucket/key}. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    private static List<S3ObjectEvent> created(ObjectNode event) {
        try {
            return S3EventMessages.created(event);
        } catch (S3EventFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Long offset(JsonNode json) {
        JsonNode offset = json.get("offset");
        if (offset == null || offset.isNull()) {
            return null;
        }
        if (!offset.canConvertToLong() || !offset.isIntegralNumber() || offset.asLong() < 0) {
            throw new IllegalArgumentException("\"offset\" must be a whole number of bytes, 0 or more, not " + offset);
        }
        return offset.asLong();
    }

    private static List<String> headers(JsonNode json) {
        JsonNode headers = json.get("headers");
        if (headers == null || headers.isNull()) {
            return null;
        }
        if (!headers.isArray() || headers.isEmpty()) {
            throw new IllegalArgumentException("\"headers\" must be a list of the file's column names, not " + headers);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : headers) {
            if (!name.isTextual()) {
                throw new IllegalArgumentException("\"headers\" must hold column names as strings, not " + name);
            }
            names.add(name.asText());
        }
        return names;
    }

}
