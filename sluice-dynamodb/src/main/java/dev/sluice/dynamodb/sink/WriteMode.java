package dev.sluice.dynamodb.sink;

import java.util.Locale;

/** How each row reaches its item (dynamodb.md §5.4). */
public enum WriteMode {
    /** BatchWriteItem PutRequests: the row replaces the whole item. The default and the fastest. */
    PUT("put"),
    /** UpdateItem {@code SET} of the row's non-key attributes: creates the item or keeps its other attributes. */
    UPSERT("upsert"),
    /** PutItem on condition {@code attribute_not_exists(pk)}: an existing item is left alone and the row skipped. */
    INSERT_ONLY("insert-only"),
    /** UpdateItem on condition {@code attribute_exists(pk)}: a missing item is not created and the row skipped. */
    UPDATE_ONLY("update-only");

    private final String cliName;

    WriteMode(String cliName) {
        this.cliName = cliName;
    }

    /** The name {@link #parse} reads: {@code put}, {@code upsert}, {@code insert-only}, {@code update-only}. */
    public String cliName() {
        return cliName;
    }

    /**
     * Reads {@code put}, {@code upsert}, {@code insert-only} or {@code update-only} (any case; {@code _}
     * for {@code -} too).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static WriteMode parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (WriteMode mode : values()) {
            if (mode.cliName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown write mode '" + text
                + "': use put, upsert, insert-only or update-only");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
