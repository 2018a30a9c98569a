package dev.sluice.controlshift.catalog;

import java.util.Locale;

/**
 * ControlShift's published DDL is normalised for Redshift ({@code CHARACTER VARYING(max)} for strings,
 * hstore and JSON; {@code CHAR(36)} for UUIDs). PostgreSQL has no {@code varchar(max)}: it becomes
 * {@code text}, which holds the same values without a length limit. Every other type the snapshot uses
 * (integer, bigint, boolean, numeric(p,s), timestamp[(p)] without time zone, char(n)) is valid PostgreSQL
 * as written.
 */
final class PostgresTypes {
    private PostgresTypes() {
    }

    static String of(String controlShiftType) {
        String type = controlShiftType.strip().toLowerCase(Locale.ROOT);
        if (type.equals("character varying(max)") || type.equals("varchar(max)")) {
            return "text";
        }
        return type;
    }
}
