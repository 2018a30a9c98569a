package dev.sluice.core.pipeline;

import java.util.List;

/**
 * {@code destination: postgres:}. A null component was not set in the file: the command's default applies.
 * {@link #toString()} never shows the URL, which may carry a password.
 *
 * @param url        a PostgreSQL JDBC URL, usually {@code ${SLUICE_POSTGRES_URL}}; always set
 * @param table      {@code --table}, {@code TABLE} or {@code SCHEMA.TABLE}; always set
 * @param mode       {@code --mode}: {@code full}, {@code incremental} or {@code append}
 * @param key        {@code --key}, the columns an incremental load upserts on
 * @param addColumns {@code --add-columns}
 */
public record PostgresDestinationConfig(String url, String table, String mode, List<String> key, Boolean addColumns)
        implements Destination {

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public String toString() {
        return "PostgresDestinationConfig[url=****, table=" + table + ", mode=" + mode + ", key=" + key
                + ", addColumns=" + addColumns + "]";
    }
}
