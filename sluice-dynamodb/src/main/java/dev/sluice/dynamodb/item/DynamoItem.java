package dev.sluice.dynamodb.item;

import dev.sluice.core.engine.SinkItem;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One row as a DynamoDB item: every attribute to write, the table key taken from it, and its size
 * as DynamoDB counts it (UTF-8 names plus values), checked against the 400 KB limit before writing.
 *
 * @param orderingKey the key rendered as one string, so two rows of one item never fly at once
 */
public record DynamoItem(Map<String, AttributeValue> attributes, Map<String, AttributeValue> key, String orderingKey,
        int sizeBytes) implements SinkItem {

    public DynamoItem {
        attributes = Map.copyOf(attributes);
        key = Map.copyOf(key);
    }
}
