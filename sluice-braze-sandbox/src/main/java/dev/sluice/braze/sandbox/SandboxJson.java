package dev.sluice.braze.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON in and out. Numbers are read as {@code Long} (or {@code BigInteger} past 64 bits) and
 * {@code BigDecimal}, never {@code double}, so a profile shows exactly the number that was sent.
 */
final class SandboxJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private SandboxJson() {
    }

    /**
     * Reads a JSON object into plain Java values (maps, lists, strings, numbers, booleans, nulls).
     *
     * @throws IOException when the bytes are not one JSON object
     */
    static Map<String, Object> readObject(byte[] body, int length) throws IOException {
        Map<String, Object> object = MAPPER.readValue(body, 0, length, OBJECT);
        if (object == null) {
            throw new IOException("the body is JSON null, not an object");
        }
        return object;
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
        }
    }
}
