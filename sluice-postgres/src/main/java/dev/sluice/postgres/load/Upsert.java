package dev.sluice.postgres.load;

import java.util.List;
import java.util.Objects;

/**
 * An upsert from a source table into a target: source rows are first deduplicated by key (the
 * greatest {@code version}, then the greatest of each {@code order} column), then inserted or, for a
 * key already present, written over the target row unless the target's version is newer.
 *
 * @param where   a condition on the source rows, or null
 * @param columns the columns written (the key among them)
 * @param version the version column ({@code updated_at}), or null when the table has none
 * @param order   tie-breakers after the version, latest wins (export time, file order)
 */
public record Upsert(TableRef target, TableRef source, String where, List<String> columns, List<String> key,
        String version, List<String> order) {
    public Upsert {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        order = List.copyOf(order);
        if (key.isEmpty() || !columns.containsAll(key)) {
            throw new IllegalArgumentException("an upsert needs its key columns " + key + " among " + columns);
        }
    }

    /** The columns set on a key already present. */
    public List<String> updated() {
        return columns.stream().filter(c -> !key.contains(c)).toList();
    }

    /** {@code "k" , "updated_at" DESC NULLS LAST, "o" DESC}: the ranking that picks the row kept per key. */
    public String ranking(String prefix) {
        StringBuilder sb = new StringBuilder();
        if (version != null) {
            sb.append(prefix).append(Sql.ident(version)).append(" DESC NULLS LAST");
        }
        for (String o : order) {
            sb.append(sb.isEmpty() ? "" : ", ").append(prefix).append(Sql.ident(o)).append(" DESC NULLS LAST");
        }
        return sb.toString();
    }

    public String sourceWhere() {
        return where == null ? "" : " WHERE " + where;
    }
}
