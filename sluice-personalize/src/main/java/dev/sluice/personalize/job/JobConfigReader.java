package dev.sluice.personalize.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code config.json}; every error names the file and, for a syntax error, its line and column. */
public final class JobConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> JOB_KEYS = Set.of("batchInferencePath", "performDeltaCheck",
            "saveBatchInferenceErrors", "connectors", "jobType", "includeScores", "metadataIdField",
            "mappingUserColumn", "mappingItemColumn");
    private static final Set<String> CONNECTOR_KEYS = Set.of("itemMetadataFields", "attributePrefix",
            "otherAttributes", "performDeltaCheck", "attributeShape", "clearEmptyRecommendations");

    private JobConfigReader() {
    }

    /**
     * @param file        the file's name for messages
     * @param folderType  the job type the folder's path names ({@code etl_jobs/<job_type>/...}), or null
     * @param jobName     the job folder's name
     */
    public static JobConfig read(byte[] content, String file, JobType folderType, String jobName) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new JobConfigException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new JobConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new JobConfigException(file + ": expected a JSON object");
        }
        Fields f = new Fields(file, "", (ObjectNode) root);
        List<String> unknown = new ArrayList<>(f.unknown(JOB_KEYS));
        JobType type = jobType(f, folderType);
        String path = f.text("batchInferencePath");
        if (path == null || path.isBlank()) {
            throw new JobConfigException(file + ": batchInferencePath is required: the S3 path (or folder) of the"
                    + " batch inference job's output");
        }
        JsonNode connectors = root.get("connectors");
        if (connectors == null || !connectors.isObject() || connectors.isEmpty()) {
            throw new JobConfigException(file + ": connectors must declare at least one connector, e.g."
                    + " \"connectors\": {\"braze\": {}}");
        }
        Map<String, ConnectorConfig> byName = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = connectors.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byName.put(e.getKey(), connector(file, e.getKey(), e.getValue(), unknown));
        }
        return new JobConfig(type, jobName, path.strip(), f.bool("saveBatchInferenceErrors", false),
                f.optionalBool("performDeltaCheck"), f.bool("includeScores", false),
                f.textOr("metadataIdField", "id"), f.textOr("mappingUserColumn", "USER_ID"),
                f.textOr("mappingItemColumn", "ITEM_ID"), byName, unknown);
    }

    private static JobType jobType(Fields f, JobType folderType) {
        String declared = f.text("jobType");
        if (declared != null) {
            JobType type = JobType.parse(declared);
            if (folderType != null && folderType != type) {
                throw new JobConfigException(f.file + ": jobType is " + type.folder() + " but the job folder is under "
                        + folderType.folder() + "/");
            }
            return type;
        }
        if (folderType == null) {
            throw new JobConfigException(f.file + ": the job folder is not under etl_jobs/<job_type>/<job_name>/, so"
                    + " config.json must say \"jobType\": one of " + JobType.names());
        }
        return folderType;
    }

    private static ConnectorConfig connector(String file, String name, JsonNode node, List<String> unknown) {
        if (!node.isObject()) {
            throw new JobConfigException(file + ": connectors." + name + " must be an object");
        }
        Fields f = new Fields(file, "connectors." + name + ".", (ObjectNode) node);
        unknown.addAll(f.unknown(CONNECTOR_KEYS));
        List<String> fields = null;
        JsonNode list = node.get("itemMetadataFields");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new JobConfigException(file + ": connectors." + name + ".itemMetadataFields must be an array of"
                        + " field names");
            }
            fields = new ArrayList<>();
            for (JsonNode item : list) {
                String field = item.asText().strip();
                if (!item.isTextual() || field.isEmpty()) {
                    throw new JobConfigException(file + ": connectors." + name + ".itemMetadataFields: " + item
                            + " is not a field name");
                }
                fields.add(field);
            }
        }
        JsonNode others = node.get("otherAttributes");
        if (others != null && !others.isNull() && !others.isObject()) {
            throw new JobConfigException(file + ": connectors." + name + ".otherAttributes must be an object");
        }
        String shape = f.text("attributeShape");
        return new ConnectorConfig(name, fields, f.text("attributePrefix"),
                others == null || others.isNull() ? null : (ObjectNode) others, f.optionalBool("performDeltaCheck"),
                shape == null ? null : AttributeShape.parse(shape), f.bool("clearEmptyRecommendations", false));
    }

    /** Typed access to one object's fields, with errors that name the dotted key. */
    private record Fields(String file, String path, ObjectNode node) {
        List<String> unknown(Set<String> known) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(n -> {
                if (!known.contains(n)) {
                    names.add(path + n);
                }
            });
            return names;
        }

        String text(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new JobConfigException(file + ": " + path + key + " must be a string, not " + v);
            }
            return v.asText();
        }

        String textOr(String key, String fallback) {
            String v = text(key);
            return v == null || v.isBlank() ? fallback : v.strip();
        }

        Boolean optionalBool(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                throw new JobConfigException(file + ": " + path + key + " must be true or false, not " + v);
            }
            return v.asBoolean();
        }

        boolean bool(String key, boolean fallback) {
            Boolean v = optionalBool(key);
            return v == null ? fallback : v;
        }
    }
}
