package dev.sluice.personalize.braze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.personalize.decorate.Json;
import dev.sluice.personalize.job.AttributeShape;
import dev.sluice.personalize.job.JobConfigException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An output row as one Braze attributes object:
 * <ul>
 *   <li>{@code external_id}: the row's {@code queryUserId}, else its {@code userId}, as a string;</li>
 *   <li>{@code syncDirectives.otherAttributes} as top-level attributes, except {@code external_id},
 *       which never overrides the row's user;</li>
 *   <li>the recommendations under {@code syncDirectives.attributePrefix} ({@code recommendation_} when
 *       absent), in the row's shape ({@code syncDirectives.attributeShape}, else the default):
 *       {@link AttributeShape#OBJECTS} sends {@code <prefix>recommendations: [{…}, …]};
 *       {@link AttributeShape#ARRAYS} sends one array per field, {@code <prefix>itemId: […]}, … (the seed's).</li>
 * </ul>
 * A row with no recommendations is skipped, or with {@code clearEmptyRecommendations} sends
 * {@code null} to remove the attribute ({@code <prefix>recommendations}, or {@code <prefix>itemId} in
 * arrays shape, the one field every item has).
 */
public final class RecommendationPayload {
    public static final String DEFAULT_PREFIX = "recommendation_";

    private RecommendationPayload() {
    }

    public static Payload of(byte[] row, AttributeShape defaultShape) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(row);
        } catch (IOException e) {
            return new Payload.Invalid("not a JSON row: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return new Payload.Invalid("not a JSON object");
        }
        return of((ObjectNode) node, defaultShape);
    }

    public static Payload of(ObjectNode row, AttributeShape defaultShape) {
        JsonNode user = row.hasNonNull("queryUserId") ? row.get("queryUserId") : row.get("userId");
        if (user == null || user.isNull() || user.isContainerNode() || user.asText().isEmpty()) {
            return new Payload.Invalid("the row has no queryUserId or userId");
        }
        String externalId = user.asText();
        JsonNode directives = row.path("syncDirectives");
        String prefix = directives.hasNonNull("attributePrefix") ? directives.get("attributePrefix").asText()
                : DEFAULT_PREFIX;
        AttributeShape shape;
        try {
            shape = directives.hasNonNull("attributeShape")
                    ? AttributeShape.parse(directives.get("attributeShape").asText()) : defaultShape;
        } catch (JobConfigException e) {
            // a queued row is judged alone: the rows sent with it must not fail because of it
            return new Payload.Invalid(e.getMessage());
        }
        JsonNode recommendations = row.path("recommendations");
        boolean empty = !recommendations.isArray() || recommendations.isEmpty();
        if (empty && !directives.path("clearEmptyRecommendations").asBoolean(false)) {
            return new Payload.Skip("no recommendations");
        }

        ObjectNode attributes = Json.MAPPER.createObjectNode();
        attributes.put("external_id", externalId);
        JsonNode others = directives.path("otherAttributes");
        for (Iterator<Map.Entry<String, JsonNode>> it = others.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("external_id")) {
                attributes.set(e.getKey(), e.getValue());
            }
        }
        if (shape == AttributeShape.OBJECTS) {
            attributes.set(prefix + "recommendations", empty ? null : recommendations);
        } else if (empty) {
            attributes.putNull(prefix + "itemId");
        } else {
            parallelArrays(recommendations, prefix).forEach(attributes::set);
        }
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(attributes);
            return new Payload.Send(externalId, new BrazeObject("e:" + externalId, json, attributes.size() - 1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seed's shape: for each field of the items, in the items' order, one array of its values. */
    private static Map<String, ArrayNode> parallelArrays(JsonNode recommendations, String prefix) {
        Map<String, ArrayNode> arrays = new LinkedHashMap<>();
        for (JsonNode item : recommendations) {
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                arrays.computeIfAbsent(prefix + field.getKey(), k -> Json.MAPPER.createArrayNode()).add(field.getValue());
            }
        }
        return arrays;
    }
}
