package dev.sluice.dynamodb.item;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How CSV rows become DynamoDB items (dynamodb.md 5.3).
 *
 * @param types        explicit DynamoDB types by column name; a type on a key column must be the
 *                     key's own scalar type
 * @param infer        type unmapped non-key columns conservatively (N for plain numbers without
 *                     leading zeros, BOOL for true/false) instead of always S
 * @param empty        what an empty or blank non-key cell becomes
 * @param keyTemplates key attribute name → the template that builds it
 * @param setDelimiter what separates the members of SS, NS and BS cells
 */
public record DynamoItemOptions(Map<String, DynamoType> types, boolean infer, EmptyPolicy empty,
                                Map<String, KeyTemplate> keyTemplates, char setDelimiter) {

    public static final char DEFAULT_SET_DELIMITER = '|';

    /**
     * @throws IllegalArgumentException when a key template is filed under another attribute's name,
     *                                  or a type is null
     */
    public DynamoItemOptions {
        Objects.requireNonNull(empty, "empty");
        types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
        for (Map.Entry<String, DynamoType> t : types.entrySet()) {
            if (t.getKey() == null || t.getValue() == null) {
                throw new IllegalArgumentException("a column type needs a column and a type: " + t);
            }
        }
        keyTemplates = keyTemplates == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keyTemplates));
        for (Map.Entry<String, KeyTemplate> t : keyTemplates.entrySet()) {
            if (t.getValue() == null || !t.getValue().attribute().equals(t.getKey())) {
                throw new IllegalArgumentException("key template " + t.getValue() + " is filed under attribute '"
                        + t.getKey() + "'");
            }
        }
    }

    /** No explicit types, no inference (every non-key column is S), empty cells omitted, no key templates, '|'. */
    public static DynamoItemOptions defaults() {
        return new DynamoItemOptions(Map.of(), false, EmptyPolicy.OMIT, Map.of(), DEFAULT_SET_DELIMITER);
    }

    public DynamoItemOptions withTypes(Map<String, DynamoType> newTypes) {
        return new DynamoItemOptions(newTypes, infer, empty, keyTemplates, setDelimiter);
    }

    public DynamoItemOptions withInfer(boolean newInfer) {
        return new DynamoItemOptions(types, newInfer, empty, keyTemplates, setDelimiter);
    }

    public DynamoItemOptions withEmpty(EmptyPolicy newEmpty) {
        return new DynamoItemOptions(types, infer, newEmpty, keyTemplates, setDelimiter);
    }

    public DynamoItemOptions withKeyTemplates(Map<String, KeyTemplate> newTemplates) {
        return new DynamoItemOptions(types, infer, empty, newTemplates, setDelimiter);
    }

    /**
     * These options plus one key template.
     *
     * @throws IllegalArgumentException when its attribute already has a template
     */
    public DynamoItemOptions withKeyTemplate(KeyTemplate template) {
        Map<String, KeyTemplate> all = new LinkedHashMap<>(keyTemplates);
        KeyTemplate earlier = all.putIfAbsent(template.attribute(), template);
        if (earlier != null) {
            throw new IllegalArgumentException("key attribute '" + template.attribute() + "' has two templates: "
                    + earlier + " and " + template);
        }
        return withKeyTemplates(all);
    }

    public DynamoItemOptions withSetDelimiter(char newDelimiter) {
        return new DynamoItemOptions(types, infer, empty, keyTemplates, newDelimiter);
    }
}
