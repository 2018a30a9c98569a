package dev.sluice.core.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree whose every key and value knows its line and column.
 *
 * <p>Jackson's {@code JsonNode} drops locations, so this walks the {@link YAMLParser} token stream itself and
 * records {@link JsonParser#currentTokenLocation()} (SnakeYAML's start mark of the event, 1-based) for each
 * key ({@code FIELD_NAME}) and each value. Scalars keep their text as written (after YAML's own quoting and
 * escapes) and nothing else: what a scalar means is decided by the field that reads it, so {@code 007} stays
 * {@code 007} in a text field and {@code "75"} is a number in a number field. YAML null ({@code ~},
 * {@code null}, nothing) is a scalar with null text.
 *
 * <p>Refused here, with their place: duplicate keys, aliases ({@code *name}), more than one document, and
 * text that is not YAML (SnakeYAML's problem and mark).
 */
final class YamlTree {

    /** A 1-based place in the file. */
    record Place(int line, int column) {
        static final Place START = new Place(1, 1);
    }

    sealed interface Node permits MapNode, ListNode, ScalarNode {
        Place place();

        /** "a map", "a list", "text", "nothing": for "expected X, got Y". */
        String kindName();
    }

    /** A key, where it is written, and its value. */
    record Entry(String key, Place keyPlace, Node value) {
    }

    record MapNode(Place place, Map<String, Entry> entries) implements Node {
        @Override
        public String kindName() {
            return "a map";
        }
    }

    record ListNode(Place place, List<Node> items) implements Node {
        @Override
        public String kindName() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is null for YAML null. */
    record ScalarNode(Place place, String text) implements Node {
        boolean isNull() {
            return text == null;
        }

        @Override
        public String kindName() {
            return text == null ? "nothing" : "text";
        }
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Reading reading;
    private final String text;
    private final JsonParser parser;
    /** The field being read, for a syntax error in the middle of it. */
    private String where = "";

    private YamlTree(Reading reading, String text, JsonParser parser) {
        this.reading = reading;
        this.text = text;
        this.parser = parser;
    }

    /** The document's root, or null when the text holds no document (empty, or only comments). */
    static Node parse(String text, Reading reading) throws PipelineConfigException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(reading, text, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Node root = tree.value(first, "");
            JsonToken next = parser.nextToken();
            if (next != null) {
                throw reading.error(place(parser.currentTokenLocation()), "",
                        "a second YAML document (after ---); put every pipeline in one document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw notYaml(e, reading, text, null);
        } catch (IOException e) {
            throw reading.error(Place.START, "", "cannot read: " + e.getMessage());
        }
    }

    private Node value(JsonToken token, String path) throws IOException, PipelineConfigException {
        Place place = place(parser.currentTokenLocation());
        where = path;
        try {
            switch (token) {
                case START_OBJECT:
                    return map(place, path);
                case START_ARRAY:
                    return list(place, path);
                case VALUE_NULL:
                    return new ScalarNode(place, null);
                case VALUE_STRING:
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                case VALUE_TRUE:
                case VALUE_FALSE:
                case VALUE_EMBEDDED_OBJECT:
                    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                        throw reading.error(place, path, "YAML aliases (*" + parser.getText()
                                + ") are not supported; write the value out");
                    }
                    return new ScalarNode(place, parser.getText());
                default:
                    throw reading.error(place, path, "unexpected " + token);
            }
        } catch (JsonProcessingException e) {
            throw notYaml(e, reading, text, where);
        }
    }

    private MapNode map(Place place, String path) throws IOException, PipelineConfigException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw reading.error(place(parser.currentTokenLocation()), path, "unexpected " + token);
            }
            String key = parser.currentName();
            Place keyPlace = place(parser.currentTokenLocation());
            String field = path.isEmpty() ? key : path + "." + key;
            where = field;
            Entry earlier = entries.get(key);
            if (earlier != null) {
                throw reading.error(keyPlace, field, "written twice (also on line " + earlier.keyPlace().line() + ")");
            }
            Node value = value(parser.nextToken(), field);
            entries.put(key, new Entry(key, keyPlace, value));
            where = path;
        }
        return new MapNode(place, Collections.unmodifiableMap(entries));
    }

    private ListNode list(Place place, String path) throws IOException, PipelineConfigException {
        List<Node> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(value(token, path + "[" + items.size() + "]"));
            where = path;
        }
        return new ListNode(place, List.copyOf(items));
    }

    /**
     * A syntax error: SnakeYAML's own problem and the place it points at (Jackson's location for a wrapped
     * SnakeYAML error is the parser's, which can be a line early). The commonest cause gets a hint: an
     * unquoted {@code ${NAME}} inside {@code { }} or {@code [ ]}, where braces are YAML's own.
     */
    private static PipelineConfigException notYaml(JsonProcessingException e, Reading reading, String text,
            String where) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String reason = "not valid YAML: " + clean(m.getProblem());
                if (m.getContext() != null && m.getContextMark() != null) {
                    reason += " (" + clean(m.getContext()) + " at line " + (m.getContextMark().getLine() + 1)
                            + ", column " + (m.getContextMark().getColumn() + 1) + ")";
                    if (m.getContext().contains("flow")
                            && lines(text, m.getContextMark().getLine(), mark.getLine()).contains("${")) {
                        reason += "; inside { } or [ ], put a value that uses ${NAME} in quotes: \"${NAME}\"";
                    }
                }
                return reading.error(new Place(mark.getLine() + 1, mark.getColumn() + 1), where == null ? "" : where,
                        reason);
            }
        }
        JsonLocation location = e.getLocation();
        return reading.error(location == null ? Place.START : place(location), where == null ? "" : where,
                "not valid YAML: " + clean(e.getOriginalMessage()));
    }

    /** Lines {@code from} to {@code to} (0-based, inclusive) of the text. */
    private static String lines(String text, int from, int to) {
        String[] all = text.split("\n", -1);
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, from); i <= to && i < all.length; i++) {
            s.append(all[i]).append('\n');
        }
        return s.toString();
    }

    private static String clean(String message) {
        return message == null ? "" : message.strip().replace('\n', ' ');
    }

    private static Place place(JsonLocation location) {
        int line = location.getLineNr();
        int column = location.getColumnNr();
        return new Place(Math.max(line, 1), Math.max(column, 1));
    }
}
