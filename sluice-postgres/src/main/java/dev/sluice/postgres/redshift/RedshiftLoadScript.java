package dev.sluice.postgres.redshift;

import dev.sluice.postgres.load.LoadMode;
import dev.sluice.postgres.load.LoadState;
import dev.sluice.postgres.load.Sql;
import dev.sluice.postgres.load.TableRef;
import dev.sluice.postgres.load.Upsert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Redshift form of the PostgreSQL loader's flow, as SQL and manifests for a runner to execute
 * (Redshift has no {@code COPY … FROM STDIN}, so files are staged in S3 and loaded through a manifest).
 * Same state tables ({@code sluice_loads.files}, {@code tables}, {@code journal_*}), same rules:
 * <ul>
 *   <li>{@link #beforeLoad}: the runner first locks the state and asks which files the ledger already
 *       has and the last FULL's export time, and drops those files and an older FULL from the request;</li>
 *   <li>{@link #load}: one transaction — ledger rows, COPY into a stage, dedupe + MERGE (INCREMENTAL)
 *       or re-apply of newer journaled incrementals + rename swap (FULL); never TRUNCATE (it commits);</li>
 *   <li>{@link #afterCommit}: the swapped-out table is dropped.</li>
 * </ul>
 *
 * @param iamRole the role Redshift assumes to read the bucket
 * @param region  the bucket's region when it differs from the cluster's, or null
 */
public record RedshiftLoadScript(String iamRole, String region) {
    static final String ORD = "sluice__ord";
    static final String EXPORT_TS = "sluice__export_ts";

    /** One load: the manifests to upload (key → JSON, in COPY order) and the statements around them. */
    public record Script(List<String> manifests, List<String> transaction, List<String> afterCommit) {
    }

    /** Locks the state and reads it: ledger keys present among the files, and the last FULL's export time. */
    public List<String> beforeLoad(TableRef target, List<S3File> files) {
        String keys = files.stream().map(f -> Sql.literal(f.key())).reduce((a, b) -> a + ", " + b).orElse("''");
        return List.of(
                "LOCK sluice_loads.files, sluice_loads.tables",
                "SELECT file_key FROM sluice_loads.files WHERE target = " + Sql.literal(target.toString())
                        + " AND file_key IN (" + keys + ")",
                "SELECT full_export_ts FROM sluice_loads.tables WHERE target = " + Sql.literal(target.toString()));
    }

    /**
     * The load transaction for files the ledger does not have yet. {@code manifestUrls} gives, per file,
     * where its manifest (from {@link Script#manifests()}) was uploaded.
     */
    public Script load(TableRef target, LoadMode mode, List<String> key, boolean versioned, List<S3File> files,
            List<String> manifestUrls, Instant lastFull, String stageSuffix) {
        List<String> sql = new ArrayList<>();
        List<String> manifests = new ArrayList<>();
        sql.add("BEGIN");
        for (S3File file : files) {
            sql.add("INSERT INTO sluice_loads.files (target, file_key, mode, export_ts, status) VALUES ("
                    + Sql.literal(target.toString()) + ", " + Sql.literal(file.key()) + ", " + Sql.literal(mode.name())
                    + ", " + timestamp(file.exportTs()) + ", 'LOADED')");
            manifests.add(RedshiftManifest.json(List.of(file)));
        }
        RedshiftDialect dialect = new RedshiftDialect();
        List<String> after = new ArrayList<>();
        switch (mode) {
            case APPEND -> {
                for (int i = 0; i < files.size(); i++) {
                    sql.add(copy(target, files.get(i), manifestUrls.get(i)));
                }
            }
            case INCREMENTAL -> {
                TableRef stage = target.renamed("sluice_stage_" + stageSuffix);
                sql.add("CREATE TABLE " + stage.sql() + " (LIKE " + target.sql() + ")");
                sql.add("ALTER TABLE " + stage.sql() + " ADD COLUMN " + Sql.ident(EXPORT_TS) + " TIMESTAMP");
                sql.add("ALTER TABLE " + stage.sql() + " ADD COLUMN " + Sql.ident(ORD) + " BIGINT");
                List<String> columns = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    S3File file = files.get(i);
                    // one COPY per file: its own column list, and its place in the order of files
                    TableRef perFile = target.renamed("sluice_file_" + stageSuffix + "_" + i);
                    sql.add("CREATE TABLE " + perFile.sql() + " (LIKE " + target.sql() + ")");
                    sql.add(copy(perFile, file, manifestUrls.get(i)));
                    String cols = Sql.idents(file.header());
                    sql.add("INSERT INTO " + stage.sql() + " (" + cols + ", " + Sql.ident(EXPORT_TS) + ", " + Sql.ident(ORD)
                            + ") SELECT " + cols + ", " + timestamp(file.exportTs()) + ", " + i + " FROM " + perFile.sql());
                    sql.add("DROP TABLE " + perFile.sql());
                    file.header().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
                }
                sql.addAll(dialect.upsert(new Upsert(target, stage, null, columns, key, versioned ? "updated_at" : null,
                        List.of(EXPORT_TS, ORD))));
                if (files.stream().anyMatch(f -> f.exportTs() != null)) {
                    String cols = Sql.idents(columns);
                    sql.add("INSERT INTO " + LoadState.journal(target).sql() + " (" + cols + ", " + Sql.ident(EXPORT_TS)
                            + ", " + Sql.ident(ORD) + ") SELECT " + cols + ", " + Sql.ident(EXPORT_TS) + ", "
                            + Sql.ident(ORD) + " FROM " + stage.sql() + " WHERE " + Sql.ident(EXPORT_TS) + " IS NOT NULL");
                }
                sql.add("DROP TABLE " + stage.sql());
            }
            case FULL -> {
                S3File file = files.get(files.size() - 1);
                TableRef stage = target.renamed("sluice_stage_" + stageSuffix);
                String retired = "sluice_retired_" + stageSuffix;
                sql.add("CREATE TABLE " + stage.sql() + " (LIKE " + target.sql() + ")");
                sql.add(copy(stage, file, manifestUrls.get(files.size() - 1)));
                if (file.exportTs() != null) {
                    TableRef journal = LoadState.journal(target);
                    sql.addAll(dialect.upsert(new Upsert(stage, journal, Sql.ident(EXPORT_TS) + " > "
                            + timestamp(file.exportTs()), file.header(), key, versioned ? "updated_at" : null,
                            List.of(EXPORT_TS, ORD))));
                    sql.add("DELETE FROM " + journal.sql() + " WHERE " + Sql.ident(EXPORT_TS) + " <= "
                            + timestamp(file.exportTs()));
                }
                sql.addAll(dialect.swap(target, stage, retired));
                sql.add("UPDATE sluice_loads.tables SET full_export_ts = " + timestamp(file.exportTs())
                        + ", full_file_key = " + Sql.literal(file.key()) + " WHERE target = " + Sql.literal(target.toString()));
                after.add("DROP TABLE " + target.renamed(retired).sql());
            }
        }
        sql.add("COMMIT");
        return new Script(manifests, sql, after);
    }

    /** COPY by header name from a manifest: CSV, header skipped, empty fields NULL, timestamps as exported. */
    String copy(TableRef into, S3File file, String manifestUrl) {
        StringBuilder sql = new StringBuilder("COPY ").append(into.sql()).append(" (").append(Sql.idents(file.header()))
                .append(") FROM ").append(Sql.literal(manifestUrl)).append(" IAM_ROLE ").append(Sql.literal(iamRole))
                .append(" MANIFEST FORMAT AS CSV IGNOREHEADER 1 EMPTYASNULL TIMEFORMAT 'auto'");
        if (file.compression() != null) {
            sql.append(' ').append(file.compression().toUpperCase(Locale.ROOT));
        }
        if (region != null) {
            sql.append(" REGION ").append(Sql.literal(region));
        }
        return sql.toString();
    }

    private static String timestamp(Instant ts) {
        return ts == null ? "NULL" : Sql.literal(ts.toString().replace('T', ' ').replace("Z", "")) + "::timestamp";
    }
}
