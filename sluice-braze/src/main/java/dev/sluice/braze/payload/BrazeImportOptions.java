package dev.sluice.braze.payload;

import dev.sluice.core.typing.TypingOptions;

import java.util.Objects;

/**
 * How a CSV file becomes /users/track attribute objects.
 *
 * @param idColumn           a column whose values are sent as {@code external_id}, whatever its
 *                           name; null to detect the identifier columns by their Braze names
 * @param updateExistingOnly send {@code "_update_existing_only": true} on every object, so Braze
 *                           never creates a profile; when false, alias-identified objects carry
 *                           {@code false} (Braze defaults those to update-only)
 * @param typing             cell typing; identifier columns are always made string columns
 * @param limits             value limits checked before sending
 */
public record BrazeImportOptions(String idColumn, boolean updateExistingOnly, TypingOptions typing, BrazeLimits limits) {

    public BrazeImportOptions {
        if (idColumn != null && idColumn.isBlank()) {
            idColumn = null;
        }
        Objects.requireNonNull(typing, "typing");
        Objects.requireNonNull(limits, "limits");
    }

    /** Detected identifier, create missing users, default typing and limits. */
    public static BrazeImportOptions defaults() {
        return new BrazeImportOptions(null, false, TypingOptions.defaults(), BrazeLimits.defaults());
    }

    public BrazeImportOptions withIdColumn(String column) {
        return new BrazeImportOptions(column, updateExistingOnly, typing, limits);
    }

    public BrazeImportOptions withUpdateExistingOnly(boolean updateOnly) {
        return new BrazeImportOptions(idColumn, updateOnly, typing, limits);
    }

    public BrazeImportOptions withTyping(TypingOptions t) {
        return new BrazeImportOptions(idColumn, updateExistingOnly, t, limits);
    }

    public BrazeImportOptions withLimits(BrazeLimits l) {
        return new BrazeImportOptions(idColumn, updateExistingOnly, typing, l);
    }
}
