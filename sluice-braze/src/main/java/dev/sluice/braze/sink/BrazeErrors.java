package dev.sluice.braze.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.engine.Outcome;
import java.io.IOException;
import java.util.List;

/**
 * Reads the {@code errors[]} of a successful answer: each entry with an {@code index} into
 * {@code attributes} rejects that object; the rest were queued by Braze. Several errors for one index
 * reject it once, with their reasons joined.
 */
final class BrazeErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrazeErrors() {
    }

    static List<Outcome> outcomes(int objects, byte[] body) {
        List<Outcome> outcomes = BrazeSink.allAccepted(objects);
        JsonNode errors = errors(body);
        if (errors == null) {
            return outcomes;
        }
        for (JsonNode error : errors) {
            JsonNode index = error.get("index");
            String array = error.path("input_array").asText("attributes");
            if (index == null || !index.canConvertToInt() || !array.equals("attributes")) {
                continue;
            }
            int i = index.asInt();
            if (i < 0 || i >= objects) {
                continue;
            }
            String reason = "Braze: " + error.path("type").asText(error.toString());
            Outcome before = outcomes.get(i);
            outcomes.set(i, new Outcome.Rejected(before instanceof Outcome.Rejected r ? r.reason() + "; " + reason : reason));
        }
        return outcomes;
    }

    private static JsonNode errors(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode errors = node == null ? null : node.get("errors");
            return errors != null && errors.isArray() && !errors.isEmpty() ? errors : null;
        } catch (IOException e) {
            return null;
        }
    }
}
