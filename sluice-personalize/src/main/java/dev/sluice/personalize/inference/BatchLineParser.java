package dev.sluice.personalize.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Reads one line of Personalize batch output with Jackson's streaming parser, keeping only the parts
 * a connector uses (no tree per line: a million lines of 25 items each are read in about a second).
 *
 * <pre>
 * {"input":{"itemId":"105"},"output":{"recommendedItems":["106","107","49"]}}
 * {"input":{"userId":"4638"},"output":{"recommendedItems":[...],"scores":[...]},"error":null}
 * {"input":{"userId":"891","itemList":[...]},"output":{"recommendedItems":[...],"scores":[...]}}
 * {"input":{"itemId":"105"},"output":{"recommendedUsers":["106","107"]}}
 * {"itemAttributes":"ITEMS.genres = \"Comedy\"","output":{"recommendedUsers":[...]}}
 * </pre>
 * Ids may be JSON strings or numbers. Anything else ({@code filterValues}, {@code theme}, unknown
 * keys) is skipped.
 */
public final class BatchLineParser {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String[] NONE = new String[0];

    private BatchLineParser() {
    }

    public static BatchLine parse(byte[] bytes, int offset, int length) throws BadLineException {
        return parse(bytes, offset, length, id -> true);
    }

    /**
     * Like {@link #parse(byte[], int, int)}, but when {@code input.itemId} comes before {@code output}
     * (as Personalize writes it) and {@code wantedItem} says no, the output is skipped, not decoded:
     * the line's recommendations are then empty. Related-items jobs use no line whose item no user is
     * mapped to, and those are most lines.
     */
    public static BatchLine parse(byte[] bytes, int offset, int length, Predicate<String> wantedItem)
            throws BadLineException {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            return line(p, wantedItem);
        } catch (JsonProcessingException e) {
            throw new BadLineException(e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadLineException(0, "cannot read: " + e.getMessage());
        }
    }

    private static BatchLine line(JsonParser p, Predicate<String> wantedItem) throws IOException, BadLineException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadLineException(column(p), "expected a JSON object");
        }
        Parts parts = new Parts();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "input" -> input(p, value, parts);
                case "output" -> {
                    if (parts.itemId != null && !wantedItem.test(parts.itemId)) {
                        p.skipChildren();
                    } else {
                        output(p, value, parts);
                    }
                }
                case "error" -> {
                    parts.error = value != JsonToken.VALUE_NULL;
                    p.skipChildren();
                }
                case "itemAttributes" -> parts.itemAttributes = scalar(p, value, "itemAttributes");
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new BadLineException(column(p), "more than one JSON value on the line");
        }
        return new BatchLine(parts.itemId, parts.userId, parts.itemAttributes, parts.items, parts.users,
                parts.scores, parts.error);
    }

    private static void input(JsonParser p, JsonToken value, Parts parts) throws IOException, BadLineException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "itemId" -> parts.itemId = scalar(p, v, "input.itemId");
                case "userId" -> parts.userId = scalar(p, v, "input.userId");
                default -> p.skipChildren();
            }
        }
    }

    private static void output(JsonParser p, JsonToken value, Parts parts) throws IOException, BadLineException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "recommendedItems" -> parts.items = ids(p, v, "output.recommendedItems");
                case "recommendedUsers" -> parts.users = ids(p, v, "output.recommendedUsers");
                case "scores" -> parts.scores = scores(p, v);
                default -> p.skipChildren();
            }
        }
    }

    private static String scalar(JsonParser p, JsonToken v, String what) throws IOException, BadLineException {
        return switch (v) {
            case VALUE_STRING, VALUE_NUMBER_INT -> p.getText();
            case VALUE_NULL -> null;
            default -> throw new BadLineException(column(p), what + " must be a string, not " + describe(v));
        };
    }

    private static String[] ids(JsonParser p, JsonToken v, String what) throws IOException, BadLineException {
        String[] ids = values(p, v, what, false);
        return ids == null ? NONE : ids;
    }

    private static double[] scores(JsonParser p, JsonToken v) throws IOException, BadLineException {
        String[] texts = values(p, v, "output.scores", true);
        if (texts == null) {
            return null;
        }
        double[] scores = new double[texts.length];
        for (int i = 0; i < texts.length; i++) {
            scores[i] = Double.parseDouble(texts[i]);
        }
        return scores;
    }

    /** The texts of an array of ids (strings or integers) or of numbers; null for a JSON null. */
    private static String[] values(JsonParser p, JsonToken v, String what, boolean numbers)
            throws IOException, BadLineException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_ARRAY) {
            throw new BadLineException(column(p), what + " must be an array, not " + describe(v));
        }
        String[] values = new String[25];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            boolean fits = numbers ? t.isNumeric() : t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT;
            if (!fits) {
                throw new BadLineException(column(p), what + " must hold " + (numbers ? "numbers" : "ids") + ", not "
                        + describe(t));
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = p.getText();
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    private static int column(JsonParser p) {
        return p.currentTokenLocation().getColumnNr();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static final class Parts {
        String itemId;
        String userId;
        String itemAttributes;
        String[] items = NONE;
        String[] users;
        double[] scores;
        boolean error;
    }
}
