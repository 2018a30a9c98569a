package dev.sluice.postgres.load;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads CSV files into PostgreSQL with {@code COPY … FROM STDIN}, columns mapped by header name.
 *
 * <ul>
 *   <li>FULL: the newest file of the request is copied into a fresh stage table, the target's indexes
 *       are built on it, incrementals newer than its snapshot are applied again from the journal, and
 *       it is swapped in (see {@link FullSwap}). A FULL older than the last one applied is ignored.</li>
 *   <li>INCREMENTAL: the files are copied into a temporary stage, deduplicated by key (latest
 *       {@code updated_at}, then latest export time, then file order) and upserted; a file exported
 *       before the last FULL's snapshot is superseded by it and not applied.</li>
 *   <li>APPEND: copied straight into the table.</li>
 * </ul>
 * Every file's ledger row is written in the caller's transaction; see {@link LoadState}.
 */
public final class PostgresTableLoader implements TableLoader {
    static final String VERSION_COLUMN = "updated_at";
    static final String ORD = "sluice__ord";
    static final String EXPORT_TS = "sluice__export_ts";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CsvOptions csv;
    private final LoadDialect dialect = new PostgresDialect();

    public PostgresTableLoader() {
        this(CsvOptions.DEFAULT);
    }

    public PostgresTableLoader(CsvOptions csv) {
        this.csv = csv;
    }

    @Override
    public LoadReport load(Connection tx, LoadRequest request) throws SQLException, IOException {
        if (tx.getAutoCommit()) {
            throw new IllegalArgumentException("load runs inside the caller's transaction: turn autocommit off");
        }
        TableRef target = TableRef.of(request.table());
        LoadState state = LoadState.open(tx);
        Instant lastFull = state.lockTable(target);
        state.dropRetired(target);
        if (Catalog.columns(tx, target).isEmpty()) {
            Catalog.create(tx, request.table());
        }
        Run run = new Run(tx, request, target, state, lastFull);
        List<LoadFile> files = inExportOrder(request.files());
        switch (request.mode()) {
            case FULL -> run.full(files);
            case INCREMENTAL -> run.incremental(files);
            case APPEND -> run.append(files);
        }
        return run.report();
    }

    /**
     * Drops the tables FULL loads of this table swapped out. Loads do it themselves next time; a caller
     * may call it right after committing, in a transaction of its own, to free the space sooner.
     */
    public static void dropRetired(Connection c, TableDef table) throws SQLException {
        LoadState.open(c).dropRetired(TableRef.of(table));
    }

    /** By export time (files without one keep their place after those with one), then as given. */
    private static List<LoadFile> inExportOrder(List<LoadFile> files) {
        List<LoadFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(LoadFile::exportTs, Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }

    /** One load: its connection, request and what it has done so far. */
    private final class Run {
        private final Connection c;
        private final LoadRequest request;
        private final TableRef target;
        private final LoadState state;
        private final Instant lastFull;
        private final List<FileOutcome> outcomes = new ArrayList<>();
        private final Set<String> added = new LinkedHashSet<>();
        private final Set<String> missing = new LinkedHashSet<>();
        private long duplicateKeys;
        private long reapplied;

        Run(Connection c, LoadRequest request, TableRef target, LoadState state, Instant lastFull) {
            this.c = c;
            this.request = request;
            this.target = target;
            this.state = state;
            this.lastFull = lastFull;
        }

        LoadReport report() {
            long loaded = outcomes.stream().mapToLong(FileOutcome::rowsLoaded).sum();
            long rejected = outcomes.stream().mapToLong(FileOutcome::rowsRejected).sum();
            return new LoadReport(loaded, rejected, List.copyOf(added), List.copyOf(missing), outcomes, duplicateKeys,
                    reapplied);
        }

        void append(List<LoadFile> files) throws SQLException, IOException {
            for (LoadFile file : files) {
                if (claim(file)) {
                    done(copy(file, target, List.of(target), false, true).outcome());
                }
            }
        }

        void incremental(List<LoadFile> files) throws SQLException, IOException {
            List<String> key = request.table().key();
            if (!Catalog.hasUniqueIndexOn(c, target, key)) {
                throw new LoadRefusedException(target + " has no unique index or primary key on (" + String.join(", ", key)
                        + "), which an incremental upsert needs: CREATE UNIQUE INDEX ON " + target.sql() + " ("
                        + Sql.idents(key) + ")");
            }
            TableRef stage = new TableRef("pg_temp", "sluice_stage_" + suffix());
            execute("CREATE TEMP TABLE " + Sql.ident(stage.name()) + " (LIKE " + target.sql() + ", " + Sql.ident(EXPORT_TS)
                    + " timestamptz, " + Sql.ident(ORD) + " bigserial)");
            Set<String> columns = new LinkedHashSet<>();
            List<FileOutcome> loaded = new ArrayList<>();
            for (LoadFile file : files) {
                if (!claim(file)) {
                    continue;
                }
                if (lastFull != null && file.exportTs() != null && !file.exportTs().isAfter(lastFull)) {
                    done(FileOutcome.skipped(file.key(), FileOutcome.Status.SUPERSEDED));
                    continue;
                }
                execute("ALTER TABLE " + stage.sql() + " ALTER COLUMN " + Sql.ident(EXPORT_TS) + " SET DEFAULT "
                        + (file.exportTs() == null ? "NULL" : Sql.literal(file.exportTs().toString()) + "::timestamptz"));
                Copied copied = copy(file, stage, List.of(target, stage), false, true);
                if (!copied.plan.copyColumns().containsAll(key)) {
                    throw new LoadRefusedException(file.path() + ": the header lacks the key column(s) " + key
                            + " an incremental load upserts on");
                }
                columns.addAll(copied.plan.copyColumns());
                loaded.add(copied.outcome);
            }
            if (!loaded.isEmpty()) {
                duplicateKeys = Catalog.count(c, stage) - distinctKeys(stage, key);
                upsert(stage, null, List.copyOf(columns), target);
                journal(stage);
            }
            for (FileOutcome outcome : loaded) {
                done(outcome);
            }
            execute("DROP TABLE " + stage.sql());
        }

        void full(List<LoadFile> files) throws SQLException, IOException {
            if (files.isEmpty()) {
                return;
            }
            LoadFile newest = files.get(files.size() - 1);
            for (LoadFile older : files.subList(0, files.size() - 1)) {
                if (claim(older)) {
                    done(FileOutcome.skipped(older.key(), FileOutcome.Status.SUPERSEDED));
                }
            }
            if (!claim(newest)) {
                return;
            }
            if (lastFull != null && newest.exportTs() != null && newest.exportTs().isBefore(lastFull)) {
                done(FileOutcome.skipped(newest.key(), FileOutcome.Status.OLDER_FULL_IGNORED));
                return;
            }
            TableRef stage = target.renamed("sluice_stage_" + suffix());
            FullSwap swap = new FullSwap(c, dialect, target, stage);
            swap.createStage();
            Copied copied = copy(newest, stage, List.of(stage), true, true);
            if (copied.outcome.rowsLoaded() == 0 && !request.options().allowEmptyFull()) {
                throw new LoadRefusedException(newest.path() + ": a FULL load with no rows would empty " + target
                        + "; refused (allow it with LoadOptions.withAllowEmptyFull)");
            }
            List<String[]> indexes = swap.buildIndexes(request.table().key());
            if (newest.exportTs() != null) {
                reapplyJournal(stage, newest.exportTs());
            }
            if (swap.swappable()) {
                swap.swap(indexes);
            } else {
                for (String column : copied.plan.added().keySet()) {
                    Catalog.addColumn(c, target, column, copied.plan.added().get(column));
                }
                swap.replaceInPlace(Catalog.columns(c, stage).stream().map(TargetColumn::name).toList());
            }
            state.fullApplied(target, newest);
            done(copied.outcome);
        }

        /** Incremental rows newer than the snapshot go over it; rows the snapshot covers leave the journal. */
        private void reapplyJournal(TableRef stage, Instant snapshot) throws SQLException {
            TableRef journal = LoadState.journal(target);
            List<TargetColumn> journalColumns = Catalog.columns(c, journal);
            if (journalColumns.isEmpty()) {
                return;
            }
            Set<String> stageColumns = new LinkedHashSet<>();
            Catalog.columns(c, stage).forEach(col -> stageColumns.add(col.name()));
            List<String> columns = journalColumns.stream().map(TargetColumn::name).filter(stageColumns::contains).toList();
            String after = Sql.ident(EXPORT_TS) + " > " + Sql.literal(snapshot.toString()) + "::timestamptz";
            reapplied = upsert(journal, after, columns, stage);
            execute("DELETE FROM " + journal.sql() + " WHERE " + Sql.ident(EXPORT_TS) + " <= "
                    + Sql.literal(snapshot.toString()) + "::timestamptz");
        }

        private long upsert(TableRef source, String where, List<String> columns, TableRef into) throws SQLException {
            boolean versioned = columns.contains(VERSION_COLUMN);
            Upsert upsert = new Upsert(into, source, where, columns, request.table().key(),
                    versioned ? VERSION_COLUMN : null, List.of(EXPORT_TS, ORD));
            long rows = 0;
            for (String sql : dialect.upsert(upsert)) {
                try (Statement s = c.createStatement()) {
                    rows += s.executeUpdate(sql);
                }
            }
            return rows;
        }

        /** Keeps the rows of files with an export time, for a later FULL to re-apply those newer than itself. */
        private void journal(TableRef stage) throws SQLException {
            TableRef journal = LoadState.journal(target);
            List<TargetColumn> have = Catalog.columns(c, journal);
            if (have.isEmpty()) {
                execute("CREATE TABLE " + journal.sql() + " (LIKE " + stage.sql() + ")");
                have = Catalog.columns(c, journal);
            }
            Set<String> names = new LinkedHashSet<>();
            have.forEach(col -> names.add(col.name()));
            List<String> columns = new ArrayList<>();
            for (TargetColumn col : Catalog.columns(c, stage)) {
                if (!names.contains(col.name())) {
                    Catalog.addColumn(c, journal, col.name(), col.sqlType());
                }
                columns.add(col.name());
            }
            String cols = Sql.idents(columns);
            execute("INSERT INTO " + journal.sql() + " (" + cols + ") SELECT " + cols + " FROM " + stage.sql()
                    + " WHERE " + Sql.ident(EXPORT_TS) + " IS NOT NULL");
        }

        private long distinctKeys(TableRef stage, List<String> key) throws SQLException {
            try (Statement s = c.createStatement();
                 var r = s.executeQuery("SELECT count(DISTINCT (" + Sql.idents(key) + ")) FROM " + stage.sql())) {
                r.next();
                return r.getLong(1);
            }
        }

        /** A file read and copied: its plan and its counts. */
        private record Copied(ColumnPlan plan, FileOutcome outcome) {
        }

        /**
         * Reads the file's header, plans its columns against the first table of {@code widen} (the
         * target, or a FULL's stage that has its columns), adds the drift policy's new columns to every
         * table of {@code widen}, and streams the file into {@code into}.
         */
        private Copied copy(LoadFile file, TableRef into, List<TableRef> widen, boolean freeze, boolean insertsRows)
                throws SQLException, IOException {
            try (CsvReader reader = CsvFile.open(file, csv)) {
                List<String> header = CsvFile.header(reader);
                if (header.isEmpty()) {
                    ColumnPlan none = new ColumnPlan(List.of(), List.of(), Map.of(), List.of());
                    return new Copied(none, new FileOutcome(file.key(), FileOutcome.Status.LOADED, 0, 0, 0, null));
                }
                ColumnPlan plan = ColumnPlan.of(file.path().toString(), header, Catalog.columns(c, widen.get(0)), request.table(),
                        request.drift(), insertsRows);
                boolean hstore = Catalog.typeExists(c, "hstore");
                for (Map.Entry<String, String> column : plan.added().entrySet()) {
                    for (TableRef table : widen) {
                        Catalog.addColumn(c, table, column.getKey(), Catalog.usableType(column.getValue(), hstore));
                    }
                    added.add(column.getKey());
                }
                missing.addAll(plan.missing());
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(CopyFeed.copySql(into, plan.copyColumns(), csv, freeze));
                CopyFeed.Result result;
                try {
                    result = new CopyFeed(csv).feed(file, reader, plan, copy, request.options().badRows(),
                            request.options().progress());
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                return new Copied(plan, new FileOutcome(file.key(), FileOutcome.Status.LOADED, result.read(),
                        result.loaded(), result.rejected(), result.rejectsFile()));
            }
        }

        private boolean claim(LoadFile file) throws SQLException {
            if (state.claim(target, file, request.mode())) {
                return true;
            }
            outcomes.add(FileOutcome.skipped(file.key(), FileOutcome.Status.ALREADY_LOADED));
            return false;
        }

        private void done(FileOutcome outcome) throws SQLException {
            state.record(target, outcome);
            outcomes.add(outcome);
        }

        private void execute(String sql) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    private static String suffix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
