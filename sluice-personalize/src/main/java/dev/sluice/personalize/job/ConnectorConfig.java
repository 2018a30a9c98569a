package dev.sluice.personalize.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One entry of {@code connectors} in {@code config.json}; its key names the connector and its output
 * folder ({@code output/<name>/}).
 *
 * @param itemMetadataFields the metadata fields of each recommended item, in this order; null for all
 * @param attributePrefix    null when not configured (Braze then uses {@code recommendation_})
 * @param otherAttributes    attributes set on every user; null when not configured
 * @param performDeltaCheck  the connector's own setting, null to take the job's
 * @param attributeShape     null when not configured (objects)
 * @param clearEmpty         send {@code null} for a user whose recommendations are empty, instead of skipping
 */
public record ConnectorConfig(
        String name,
        List<String> itemMetadataFields,
        String attributePrefix,
        ObjectNode otherAttributes,
        Boolean performDeltaCheck,
        AttributeShape attributeShape,
        boolean clearEmpty) {

    public ConnectorConfig {
        itemMetadataFields = itemMetadataFields == null ? null : List.copyOf(itemMetadataFields);
    }

    public boolean isBraze() {
        return name.equals("braze");
    }
}
