package dev.sluice.personalize.job;

import java.util.List;
import java.util.Map;

/**
 * A connector job's {@code config.json}, in the seed's format plus a few optional keys whose defaults
 * keep the seed's behaviour.
 *
 * @param batchInferencePath       where the batch job wrote its output: {@code s3://bucket/prefix/}, or a
 *                                 local folder (relative to the job folder when relative)
 * @param performDeltaCheck        the job-wide setting (the seed's README puts it here; the seed's code
 *                                 only read it per connector); a connector's own setting wins
 * @param includeScores            keep {@code output.scores} as a {@code score} field of each item
 * @param metadataIdField          the item metadata field that holds the item id ({@code id})
 * @param mappingUserColumn        the user-item mapping's user column ({@code USER_ID})
 * @param mappingItemColumn        the user-item mapping's item column ({@code ITEM_ID})
 * @param unknownKeys              keys the loader did not recognise, for a warning
 */
public record JobConfig(
        JobType jobType,
        String jobName,
        String batchInferencePath,
        boolean saveBatchInferenceErrors,
        Boolean performDeltaCheck,
        boolean includeScores,
        String metadataIdField,
        String mappingUserColumn,
        String mappingItemColumn,
        Map<String, ConnectorConfig> connectors,
        List<String> unknownKeys) {

    public JobConfig {
        connectors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(connectors));
        unknownKeys = List.copyOf(unknownKeys);
    }

    /** The connector's setting when it has one, else the job's, else off. */
    public boolean deltaCheck(ConnectorConfig connector) {
        if (connector.performDeltaCheck() != null) {
            return connector.performDeltaCheck();
        }
        return performDeltaCheck != null && performDeltaCheck;
    }
}
