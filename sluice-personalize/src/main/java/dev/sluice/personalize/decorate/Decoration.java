package dev.sluice.personalize.decorate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One connector's recommended-item structs, encoded once per item: the metadata fields in the
 * configured order, then {@code itemId} ({@code {"name":"Tan Backpack","price":90.99,"itemId":"6579"}}).
 * An item without metadata keeps its place with null fields ({@code {"name":null,"price":null,"itemId":"x"}}).
 */
public final class Decoration {
    public static final String ITEM_ID = "itemId";
    private final List<String> fields;
    private final Map<String, byte[]> structs;

    Decoration(List<String> fields, Map<String, byte[]> structs) {
        this.fields = List.copyOf(fields);
        this.structs = structs;
    }

    /** Without metadata: {@code {"itemId":"x"}}. */
    public static Decoration idOnly() {
        return new Decoration(List.of(), Map.of());
    }

    public List<String> fields() {
        return fields;
    }

    public boolean known(String itemId) {
        return structs.containsKey(itemId);
    }

    /**
     * The encoded recommendations array: {@code [struct, struct, ...]} in rank order.
     *
     * @param scores null, or parallel to {@code items}: each struct then ends with {@code "score":s}
     */
    public byte[] recommendations(String[] items, double[] scores) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + items.length * 96);
        out.write('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            byte[] struct = structs.get(items[i]);
            if (struct == null) {
                struct = encode(fields, null, items[i]);
            }
            if (scores == null || i >= scores.length) {
                out.writeBytes(struct);
            } else {
                out.write(struct, 0, struct.length - 1);
                out.writeBytes((",\"score\":" + BigDecimal.valueOf(scores[i]).toPlainString() + "}")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        out.write(']');
        return out.toByteArray();
    }

    static byte[] encode(List<String> fields, ObjectNode item, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + fields.size() * 24);
        out.write('{');
        for (String field : fields) {
            Json.name(out, field);
            JsonNode value = item == null ? null : item.get(field);
            try {
                out.writeBytes(value == null ? NULL : Json.MAPPER.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write(',');
        }
        Json.name(out, ITEM_ID);
        Json.string(out, id);
        out.write('}');
        return out.toByteArray();
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
}
