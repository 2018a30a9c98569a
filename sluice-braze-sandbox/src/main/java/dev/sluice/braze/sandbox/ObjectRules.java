package dev.sluice.braze.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Braze's checks on one attribute, event or purchase object. An object that fails is reported in
 * {@code errors[]} of a 201 response and skipped; the others in the request are still applied.
 */
final class ObjectRules {

    /** Braze's own wording for an object without an identifier. */
    static final String IDENTIFIER_REQUIRED = "'external_id' or 'braze_id' or 'user_alias' is required";

    /** Keys of an attributes object that say who and how, rather than being attributes. */
    static final Set<String> CONTROL_KEYS =
            Set.of("external_id", "braze_id", "user_alias", "_update_existing_only", "_merge_objects");

    /** The one '$' key nested objects may use: a date, {@code {"$time": "2024-01-01"}}. */
    private static final String TIME_KEY = "$time";

    /** Why an object is invalid, in the words of its {@code errors[].type}. */
    static final class InvalidObject extends Exception {
        InvalidObject(String type) {
            super(type, null, false, false);
        }
    }

    private ObjectRules() {
    }

    /** The user an object is about. */
    static UserId identify(Object element) throws InvalidObject {
        if (!(element instanceof Map<?, ?> object)) {
            throw new InvalidObject("each element must be a JSON object");
        }
        Object external = object.get("external_id");
        Object braze = object.get("braze_id");
        Object alias = object.get("user_alias");
        int primary = (external != null ? 1 : 0) + (braze != null ? 1 : 0) + (alias != null ? 1 : 0);
        if (primary > 1) {
            throw new InvalidObject("only one of 'external_id', 'braze_id' or 'user_alias' may be given");
        }
        if (external != null) {
            return UserId.externalId(string("external_id", external));
        }
        if (braze != null) {
            return UserId.brazeId(string("braze_id", braze));
        }
        if (alias != null) {
            return alias(alias);
        }
        // Braze prefers the email when both email and phone identify the user.
        if (object.get("email") != null) {
            return UserId.email(string("email", object.get("email")));
        }
        if (object.get("phone") != null) {
            return UserId.phone(string("phone", object.get("phone")));
        }
        throw new InvalidObject(IDENTIFIER_REQUIRED);
    }

    /** Attribute names must not start with '$'; nested object keys must not contain '.', '$' or spaces. */
    static void checkAttributes(Map<String, Object> object) throws InvalidObject {
        for (Map.Entry<String, Object> e : object.entrySet()) {
            String name = e.getKey();
            if (CONTROL_KEYS.contains(name)) {
                continue;
            }
            if (name.isEmpty()) {
                throw new InvalidObject("attribute names must not be empty");
            }
            if (name.startsWith("$")) {
                throw new InvalidObject("attribute name '" + name + "' must not start with '$'");
            }
            checkNestedKeys(name, e.getValue());
        }
    }

    private static void checkNestedKeys(String attribute, Object value) throws InvalidObject {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = (String) e.getKey();
                boolean invalid = key.indexOf('.') >= 0 || key.indexOf(' ') >= 0
                        || (key.indexOf('$') >= 0 && !key.equals(TIME_KEY));
                if (invalid) {
                    throw new InvalidObject("nested attribute '" + attribute + "' has key '" + key
                            + "': keys may not contain '.', '$' or spaces");
                }
                checkNestedKeys(attribute, e.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                checkNestedKeys(attribute, item);
            }
        }
    }

    private static UserId alias(Object alias) throws InvalidObject {
        if (alias instanceof Map<?, ?> fields
                && fields.get("alias_name") instanceof String name && !name.isEmpty()
                && fields.get("alias_label") instanceof String label && !label.isEmpty()) {
            return UserId.alias(name, label);
        }
        throw new InvalidObject("user_alias must have non-empty string 'alias_name' and 'alias_label'");
    }

    private static String string(String field, Object value) throws InvalidObject {
        if (!(value instanceof String s)) {
            throw new InvalidObject(field + " must be a string");
        }
        if (s.isEmpty()) {
            throw new InvalidObject(field + " must not be empty");
        }
        return s;
    }
}
