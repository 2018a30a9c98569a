package dev.sluice.postgres.load;

/**
 * One column of a target table.
 *
 * @param name the column's name as the CSV header spells it (quoted in every statement)
 * @param sqlType the PostgreSQL type, e.g. {@code bigint}, {@code numeric(13,10)}, {@code varchar(255)}
 */
public record ColumnDef(String name, String sqlType, boolean nullable) {
}
