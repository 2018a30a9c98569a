package dev.sluice.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code destination: dynamodb:}. A null component was not set in the file: the command's default applies.
 *
 * @param table        the table; always set
 * @param mode         {@code --mode}: put, upsert, insert-only or update-only
 * @param keyTemplates {@code --key-template}: key attribute → template such as {@code CUST#{customer_id}}, in
 *                     file order; empty when not set, never null
 * @param infer        {@code --infer}
 * @param region       {@code --region}
 * @param endpointUrl  {@code --endpoint-url}, an http(s) URL
 * @param maxWcu       {@code --max-wcu}, at least 1
 * @param concurrency  {@code --concurrency}, at least 1
 */
public record DynamoDestinationConfig(String table, String mode, Map<String, String> keyTemplates, Boolean infer,
        String region, String endpointUrl, Integer maxWcu, Integer concurrency) implements Destination {

    public DynamoDestinationConfig {
        keyTemplates = keyTemplates == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keyTemplates));
    }

    @Override
    public String kind() {
        return "dynamodb";
    }
}
