package dev.sluice.dynamodb.item;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A JSON cell → M or L (dynamodb.md 5.3 rule 11): objects → M, arrays → L, numbers → N (validated
 * and sent as written), strings → S, booleans → BOOL, null → NULL; never sets. Refused, with a
 * reason: anything but an object or an array at the top, invalid JSON, duplicate or empty object
 * keys (DynamoDB: "Empty attribute name"), a number DynamoDB cannot store, and more than
 * {@value #MAX_DEPTH} levels of nested objects and arrays (DynamoDB Local 2.6.1 refuses the 32nd
 * level: "Nesting Levels have exceeded supported limits").
 *
 * <p>Size as DynamoDB counts it: an M or L is 3 bytes plus, per element, 1 byte plus its value (and
 * for M its key's UTF-8 length).
 */
final class JsonAttributes {

    static final int MAX_DEPTH = 31;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static final AttributeValue NUL = AttributeValue.fromNul(true);
    static final AttributeValue TRUE = AttributeValue.fromBool(true);
    static final AttributeValue FALSE = AttributeValue.fromBool(false);

    private JsonAttributes() {
    }

    /** Converts a JSON cell; adds its size to row, or records why it cannot be converted and returns null. */
    static AttributeValue convert(String cell, ItemTransform.Row row) {
        try (JsonParser p = FACTORY.createParser(cell)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                row.reason = Texts.quote(cell) + " is not a JSON object or array";
                return null;
            }
            AttributeValue v = value(p, t, 1, row);
            if (v == null) {
                return null;
            }
            if (p.nextToken() != null) {
                row.reason = Texts.quote(cell) + " is not valid JSON: more text after the "
                        + (t == JsonToken.START_OBJECT ? "object" : "array") + " ends";
                return null;
            }
            return v;
        } catch (JsonProcessingException e) {
            row.reason = Texts.quote(cell) + " is not valid JSON: " + e.getOriginalMessage()
                    + " (character " + (e.getLocation() == null ? "?" : e.getLocation().getCharOffset() + 1) + ")";
            return null;
        } catch (IOException e) {
            row.reason = Texts.quote(cell) + " is not valid JSON: " + e.getMessage();
            return null;
        }
    }

    private static AttributeValue value(JsonParser p, JsonToken t, int depth, ItemTransform.Row row) throws IOException {
        if (t == null) {
            row.reason = "the JSON ends before its objects and arrays are closed";
            return null;
        }
        switch (t) {
            case START_OBJECT: {
                if (depth > MAX_DEPTH) {
                    row.reason = tooDeep();
                    return null;
                }
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                row.size += 3;
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    if (t != JsonToken.FIELD_NAME) {
                        return value(p, null, depth, row);
                    }
                    String name = p.currentName();
                    if (name.isEmpty()) {
                        row.reason = "a JSON object has an empty key, which DynamoDB does not accept as a map key";
                        return null;
                    }
                    row.size += Texts.utf8Length(name) + 1;
                    AttributeValue v = value(p, p.nextToken(), depth + 1, row);
                    if (v == null) {
                        return null;
                    }
                    m.put(name, v);
                }
                return AttributeValue.fromM(m);
            }
            case START_ARRAY: {
                if (depth > MAX_DEPTH) {
                    row.reason = tooDeep();
                    return null;
                }
                List<AttributeValue> l = new ArrayList<>();
                row.size += 3;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    row.size += 1;
                    AttributeValue v = value(p, t, depth + 1, row);
                    if (v == null) {
                        return null;
                    }
                    l.add(v);
                }
                return AttributeValue.fromL(l);
            }
            case VALUE_STRING: {
                String s = p.getText();
                row.size += Texts.utf8Length(s);
                return AttributeValue.fromS(s);
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: {
                String n = p.getText();
                int size = DynamoNumbers.size(n);
                if (size < 0) {
                    row.reason = "JSON number " + DynamoNumbers.reason(size, n);
                    return null;
                }
                row.size += size;
                return AttributeValue.fromN(n);
            }
            case VALUE_TRUE:
                row.size += 1;
                return TRUE;
            case VALUE_FALSE:
                row.size += 1;
                return FALSE;
            case VALUE_NULL:
                row.size += 1;
                return NUL;
            default:
                throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    private static String tooDeep() {
        return "the JSON nests objects and arrays more than " + MAX_DEPTH + " levels deep, more than DynamoDB stores";
    }
}
