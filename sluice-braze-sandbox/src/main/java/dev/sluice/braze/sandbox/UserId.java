package dev.sluice.braze.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The identifier a profile is stored under. Profiles of different kinds are separate: an
 * {@code email} profile is not found through an {@code external_id} profile that has the same
 * email attribute (Braze would look that up; the sandbox does not).
 *
 * @param kind  which identifier
 * @param id    its value; the alias name for {@link Kind#USER_ALIAS}
 * @param label the alias label for {@link Kind#USER_ALIAS}, otherwise {@code null}
 */
public record UserId(Kind kind, String id, String label) {

    public enum Kind { EXTERNAL_ID, BRAZE_ID, USER_ALIAS, EMAIL, PHONE }

    public UserId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if ((kind == Kind.USER_ALIAS) != (label != null)) {
            throw new IllegalArgumentException("a label belongs to user aliases only");
        }
    }

    public static UserId externalId(String id) {
        return new UserId(Kind.EXTERNAL_ID, id, null);
    }

    public static UserId brazeId(String id) {
        return new UserId(Kind.BRAZE_ID, id, null);
    }

    public static UserId alias(String aliasName, String aliasLabel) {
        return new UserId(Kind.USER_ALIAS, aliasName, Objects.requireNonNull(aliasLabel, "aliasLabel"));
    }

    public static UserId email(String email) {
        return new UserId(Kind.EMAIL, email, null);
    }

    public static UserId phone(String phone) {
        return new UserId(Kind.PHONE, phone, null);
    }

    /** The identifier as Braze writes it in a user object, e.g. {@code {"external_id": "u1"}}. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (kind) {
            case EXTERNAL_ID -> fields.put("external_id", id);
            case BRAZE_ID -> fields.put("braze_id", id);
            case USER_ALIAS -> {
                Map<String, Object> alias = new LinkedHashMap<>();
                alias.put("alias_name", id);
                alias.put("alias_label", label);
                fields.put("user_alias", alias);
            }
            case EMAIL -> fields.put("email", id);
            case PHONE -> fields.put("phone", id);
        }
        return fields;
    }
}
