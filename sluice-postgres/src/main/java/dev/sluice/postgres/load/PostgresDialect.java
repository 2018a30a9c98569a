package dev.sluice.postgres.load;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: DISTINCT ON + INSERT … ON CONFLICT DO UPDATE; swap by renames, old table moved aside. */
public final class PostgresDialect implements LoadDialect {

    @Override
    public List<String> upsert(Upsert u) {
        String cols = Sql.idents(u.columns());
        String key = Sql.idents(u.key());
        String ranking = u.ranking("");
        String dedupe = "SELECT DISTINCT ON (" + key + ") " + cols + " FROM " + u.source().sql() + u.sourceWhere()
                + " ORDER BY " + key + (ranking.isEmpty() ? "" : ", " + ranking);
        String conflict;
        if (u.updated().isEmpty()) {
            conflict = "DO NOTHING";
        } else {
            conflict = "DO UPDATE SET " + u.updated().stream().map(c -> Sql.ident(c) + " = EXCLUDED." + Sql.ident(c))
                    .collect(Collectors.joining(", "));
            if (u.version() != null) {
                String v = Sql.ident(u.version());
                conflict += " WHERE t." + v + " IS NULL OR EXCLUDED." + v + " IS NULL OR EXCLUDED." + v + " >= t." + v;
            }
        }
        return List.of("INSERT INTO " + u.target().sql() + " AS t (" + cols + ") " + dedupe
                + " ON CONFLICT (" + key + ") " + conflict);
    }

    @Override
    public List<String> swap(TableRef target, TableRef stage, String retiredName) {
        return List.of(
                "ALTER TABLE " + target.sql() + " RENAME TO " + Sql.ident(retiredName),
                "ALTER TABLE " + target.renamed(retiredName).sql() + " SET SCHEMA " + Sql.ident(LoadState.SCHEMA),
                "ALTER TABLE " + stage.sql() + " RENAME TO " + Sql.ident(target.name()));
    }
}
