package dev.sluice.braze.sandbox;

import dev.sluice.braze.sandbox.ObjectRules.InvalidObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The body of a {@code /users/track} request, once the HTTP checks passed: parse, check the object
 * count, validate each object and apply the valid ones, in Braze's order (attributes, events,
 * purchases; within an array, array order).
 */
final class TrackRequestHandler {

    static final String PARSE_ERROR = "Error while parsing request body. Please check your syntax.";

    private enum InputArray {
        ATTRIBUTES("attributes"), EVENTS("events"), PURCHASES("purchases");

        final String field;

        InputArray(String field) {
            this.field = field;
        }
    }

    private final ProfileStore store;
    private final StatsCounters stats;
    private final AttributeWriter writer;
    private final int maxObjects;
    private final boolean storeProfiles;

    TrackRequestHandler(ProfileStore store, StatsCounters stats, int maxObjects, boolean storeProfiles) {
        this.store = store;
        this.stats = stats;
        this.writer = new AttributeWriter(stats.valuesTruncated);
        this.maxObjects = maxObjects;
        this.storeProfiles = storeProfiles;
    }

    HttpReply handle(byte[] body, int length) {
        Map<String, Object> root;
        try {
            root = SandboxJson.readObject(body, length);
        } catch (IOException e) {
            return HttpReply.message(400, PARSE_ERROR);
        }
        Map<InputArray, List<?>> arrays = new EnumMap<>(InputArray.class);
        int objects = 0;
        for (InputArray array : InputArray.values()) {
            Object value = root.get(array.field);
            if (value == null) {
                continue;
            }
            if (!(value instanceof List<?> list)) {
                return HttpReply.message(400, "'" + array.field + "' must be an array");
            }
            arrays.put(array, list);
            objects += list.size();
        }
        if (objects > maxObjects) {
            return HttpReply.message(400, "Max Input Length Exceeded: " + objects + " objects sent, at most "
                    + maxObjects + " attributes, events and purchases combined are allowed per request");
        }
        if (objects == 0) {
            return HttpReply.message(400, "The request has no objects in 'attributes', 'events' or 'purchases'");
        }
        return HttpReply.json(201, process(arrays));
    }

    private Map<String, Object> process(Map<InputArray, List<?>> arrays) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message", "success");
        List<Map<String, Object>> errors = new ArrayList<>();
        arrays.forEach((array, objects) -> {
            int processed = 0;
            for (int index = 0; index < objects.size(); index++) {
                try {
                    apply(array, objects.get(index));
                    processed++;
                } catch (InvalidObject e) {
                    stats.objectsRejected.increment();
                    errors.add(error(e.getMessage(), array, index));
                }
            }
            response.put(array.field + "_processed", processed);
        });
        if (!errors.isEmpty()) {
            response.put("errors", errors);
        }
        return response;
    }

    private void apply(InputArray array, Object element) throws InvalidObject {
        UserId user = ObjectRules.identify(element);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) element;
        if (array == InputArray.ATTRIBUTES) {
            ObjectRules.checkAttributes(object);
        }
        boolean found = !storeProfiles || store.update(user, mayCreate(user, object), change(array, object));
        stats.objectsAccepted.increment();
        if (!found) {
            stats.objectsIgnoredNotFound.increment();
        }
        if (array == InputArray.EVENTS) {
            stats.eventsAccepted.increment();
        } else if (array == InputArray.PURCHASES) {
            stats.purchasesAccepted.increment();
        }
    }

    /**
     * {@code _update_existing_only} decides; without it, aliases and braze_ids only update (Braze
     * creates no alias-only profile by default and assigns braze_ids itself), the others create.
     */
    private static boolean mayCreate(UserId user, Map<String, Object> object) {
        if (object.get("_update_existing_only") instanceof Boolean updateOnly) {
            return !updateOnly;
        }
        return user.kind() != UserId.Kind.USER_ALIAS && user.kind() != UserId.Kind.BRAZE_ID;
    }

    private Consumer<Profile> change(InputArray array, Map<String, Object> object) {
        return switch (array) {
            case EVENTS -> Profile::countEvent;
            case PURCHASES -> Profile::countPurchase;
            case ATTRIBUTES -> profile -> {
                boolean merge = Boolean.TRUE.equals(object.get("_merge_objects"));
                profile.reserve(object.size());
                object.forEach((name, value) -> {
                    if (!ObjectRules.CONTROL_KEYS.contains(name)) {
                        writer.write(profile, name, value, merge);
                    }
                });
                profile.trim();
            };
        };
    }

    private static Map<String, Object> error(String type, InputArray array, int index) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("input_array", array.field);
        error.put("index", index);
        return error;
    }
}
