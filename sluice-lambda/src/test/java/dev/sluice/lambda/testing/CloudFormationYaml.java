package dev.sluice.lambda.testing;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a CloudFormation/SAM template written in YAML into the JSON form CloudFormation itself uses:
 * the short tags become their long form ({@code !Ref X} → {@code {"Ref": "X"}}, {@code !GetAtt A.B} →
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub}, {@code !If}, {@code !Join}… → {@code {"Fn::…": …}}),
 * so a test can walk the template without a YAML parser that knows CloudFormation.
 */
public final class CloudFormationYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {
    }

    public static JsonNode read(Path template) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(template.toFile())) {
            parser.nextToken();
            return value(parser);
        }
    }

    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode value;
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, value(parser));
            }
            value = object;
        } else if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser));
            }
            value = array;
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            value = NODES.numberNode(parser.getLongValue());
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = NODES.numberNode(parser.getDecimalValue());
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            value = NODES.booleanNode(parser.getBooleanValue());
        } else if (token == JsonToken.VALUE_NULL) {
            value = NODES.nullNode();
        } else {
            value = NODES.textNode(parser.getText());
        }
        return tag == null ? value : longForm(tag, value);
    }

    private static JsonNode longForm(String tag, JsonNode value) {
        ObjectNode function = NODES.objectNode();
        if (tag.equals("Ref") || tag.equals("Condition")) {
            function.set(tag, value);
        } else if (tag.equals("GetAtt") && value.isTextual()) {
            String text = value.asText();
            int dot = text.indexOf('.');
            function.set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
        } else {
            function.set("Fn::" + tag, value);
        }
        return function;
    }
}
