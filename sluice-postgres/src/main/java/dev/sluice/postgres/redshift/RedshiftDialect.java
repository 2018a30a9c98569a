package dev.sluice.postgres.redshift;

import dev.sluice.postgres.load.LoadDialect;
import dev.sluice.postgres.load.Sql;
import dev.sluice.postgres.load.TableRef;
import dev.sluice.postgres.load.Upsert;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Redshift: no {@code ON CONFLICT} and no {@code DISTINCT ON}, so the source is deduplicated into a
 * temporary table with {@code ROW_NUMBER()}, rows older than the target's are dropped from it, and one
 * {@code MERGE} updates and inserts (AWS's recommended staging pattern). Never {@code TRUNCATE}: on
 * Redshift it commits the transaction it runs in.
 */
public final class RedshiftDialect implements LoadDialect {
    static final String DEDUPED = "sluice_deduped";

    @Override
    public List<String> upsert(Upsert u) {
        String cols = Sql.idents(u.columns());
        String ranking = u.ranking("");
        String deduped = Sql.ident(DEDUPED);
        String keyMatch = u.key().stream().map(k -> "t." + Sql.ident(k) + " = s." + Sql.ident(k))
                .collect(Collectors.joining(" AND "));
        String create = "CREATE TEMP TABLE " + deduped + " AS SELECT " + cols + " FROM (SELECT " + cols
                + ", ROW_NUMBER() OVER (PARTITION BY " + Sql.idents(u.key()) + " ORDER BY "
                + (ranking.isEmpty() ? Sql.idents(u.key()) : ranking) + ") AS sluice__rank FROM " + u.source().sql()
                + u.sourceWhere() + ") WHERE sluice__rank = 1";
        String merge = "MERGE INTO " + u.target().sql() + " USING " + deduped + " s ON "
                + keyMatch.replace("t.", u.target().sql() + ".")
                + (u.updated().isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + u.updated().stream()
                        .map(c -> Sql.ident(c) + " = s." + Sql.ident(c)).collect(Collectors.joining(", ")))
                + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES ("
                + u.columns().stream().map(c -> "s." + Sql.ident(c)).collect(Collectors.joining(", ")) + ")";
        if (u.version() == null) {
            return List.of(create, merge, "DROP TABLE " + deduped);
        }
        String v = Sql.ident(u.version());
        String dropOlder = "DELETE FROM " + deduped + " USING " + u.target().sql() + " t WHERE "
                + keyMatch.replace("s.", deduped + ".") + " AND t." + v + " > " + deduped + "." + v;
        return List.of(create, dropOlder, merge, "DROP TABLE " + deduped);
    }

    @Override
    public List<String> swap(TableRef target, TableRef stage, String retiredName) {
        return List.of(
                "ALTER TABLE " + target.sql() + " RENAME TO " + Sql.ident(retiredName),
                "ALTER TABLE " + stage.sql() + " RENAME TO " + Sql.ident(target.name()));
    }
}
