package dev.sluice.controlshift;

import java.util.Locale;
import java.util.Optional;

/** The two exports ControlShift announces: the nightly whole table, and the per-minute added rows. */
public enum ExportKind {
    /** {@code data.full_table_exported}: the file replaces the table. */
    FULL("data.full_table_exported"),
    /** {@code data.incremental_table_exported}: rows added since the last export (no updates, no deletions). */
    INCREMENTAL("data.incremental_table_exported");

    private final String webhookType;

    ExportKind(String webhookType) {
        this.webhookType = webhookType;
    }

    public String webhookType() {
        return webhookType;
    }

    /** The kind a webhook's {@code type} announces, or empty for every other event type. */
    public static Optional<ExportKind> ofWebhookType(String type) {
        for (ExportKind kind : values()) {
            if (kind.webhookType.equals(type)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Lower case, as in notifications and the CLI. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
