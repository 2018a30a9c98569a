package dev.sluice.postgres.load;

/** A column as the database has it: its type as {@code format_type} spells it. */
record TargetColumn(String name, String sqlType, boolean nullable, boolean hasDefault) {
}
