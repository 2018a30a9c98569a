package dev.sluice.dynamodb.item;

import java.util.Locale;

/**
 * What an empty or blank cell in a non-key column becomes (dynamodb.md 5.3 rule 13). An empty key
 * value is always a row rejection, whatever the policy.
 */
public enum EmptyPolicy {
    /** The attribute is left out of the item. The default. */
    OMIT,
    /**
     * {@code {"S": ""}}, whatever the column's type (DynamoDB accepts empty non-key strings). Set
     * columns are the exception: DynamoDB has no empty set, and a string would change the
     * attribute's type, so an empty set cell is left out.
     */
    EMPTY_STRING,
    /** {@code {"NULL": true}}. */
    NULL,
    /** The row is rejected, naming the column. */
    ERROR;

    /**
     * Parses a policy as users write it: {@code omit}, {@code empty-string} (or {@code empty_string},
     * {@code empty}), {@code null}, {@code error}; any case.
     *
     * @throws IllegalArgumentException naming the bad value and listing the choices
     */
    public static EmptyPolicy parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (t) {
            case "omit": return OMIT;
            case "empty-string": case "empty": return EMPTY_STRING;
            case "null": return NULL;
            case "error": return ERROR;
            default:
                throw new IllegalArgumentException("unknown empty-cell policy '" + (s == null ? "" : s.trim())
                        + "'; choose one of omit, empty-string, null, error");
        }
    }
}
