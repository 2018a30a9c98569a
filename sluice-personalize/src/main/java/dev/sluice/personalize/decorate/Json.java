package dev.sluice.personalize.decorate;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;

/** The one JSON setup of the connector: numbers are kept exactly as written (90.99 stays 90.99). */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {
    }

    /** Appends {@code text} as a quoted, escaped JSON string. */
    public static void string(ByteArrayOutputStream out, String text) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        out.write('"');
    }

    /** Appends {@code "name":} (names are the connector's own, plain ASCII). */
    public static void name(ByteArrayOutputStream out, String name) {
        string(out, name);
        out.write(':');
    }
}
