package dev.sluice.cli;

import dev.sluice.controlshift.batch.Batch;
import dev.sluice.controlshift.batch.BatchFile;
import dev.sluice.controlshift.batch.BatchRules;
import dev.sluice.controlshift.batch.BatchStatus;
import dev.sluice.controlshift.batch.BatchStore;
import dev.sluice.controlshift.batch.HistoryEntry;
import dev.sluice.controlshift.store.Database;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice batches list|show|reprocess|unlock}: the ControlShift pipeline's batch store, read from the
 * PostgreSQL database in {@code SLUICE_POSTGRES_URL}.
 */
@Command(name = "batches", mixinStandardHelpOptions = true,
        description = "ControlShift load batches: list, show one, reprocess a failed one, unlock a held one.",
        footer = {"", "Environment:", "  " + BatchesCommand.URL_VARIABLE + "   JDBC URL of the batch store, e.g. "
                + "jdbc:postgresql://db:5432/warehouse?user=sluice&password=..."})
final class BatchesCommand implements Callable<Integer> {
    static final String URL_VARIABLE = "SLUICE_POSTGRES_URL";

    private final Console console;

    private BatchesCommand(Console console) {
        this.console = console;
    }

    static CommandLine commandLine(Console console) {
        return new CommandLine(new BatchesCommand(console))
                .addSubcommand("list", new ListBatches(console))
                .addSubcommand("show", new ShowBatch(console))
                .addSubcommand("reprocess", new ReprocessBatch(console))
                .addSubcommand("unlock", new UnlockBatch(console));
    }

    @Override
    public Integer call() {
        console.err().println("sluice batches: name a subcommand: list, show, reprocess or unlock.");
        return ExitCode.USAGE;
    }

    /** Opens the store named by the environment; the rules only matter to workers, so defaults do. */
    private static BatchStore store(Console console) throws SQLException {
        String url = console.env(URL_VARIABLE);
        if (url == null) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not set: it must hold the JDBC URL of the batch store");
        }
        Database db = Database.of(url);
        try (Connection c = db.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('sluice_controlshift.batches') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1)) {
                return null;
            }
        }
        return new BatchStore(db, BatchRules.defaults());
    }

    private static int noStore(Console console) {
        console.out().println("No ControlShift batches: the database in " + URL_VARIABLE + " has no batch store yet.");
        return ExitCode.OK;
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.toString().replace('T', ' ').replaceAll("(\\.\\d+)?Z$", "");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest batches first.")
    static final class ListBatches implements Callable<Integer> {
        private final Console console;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only this status: ${COMPLETION-CANDIDATES}.")
        BatchStatus status;

        @Option(names = "--table", paramLabel = "TABLE", description = "Only this ControlShift table.")
        String table;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many. Default: ${DEFAULT-VALUE}.")
        int limit;

        ListBatches(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws SQLException {
            BatchStore store = store(console);
            if (store == null) {
                return noStore(console);
            }
            PrintStream out = console.out();
            out.printf("%6s  %-11s  %-11s  %-28s  %5s  %12s  %-19s  %s%n", "BATCH", "STATUS", "KIND", "TABLE", "FILES", "ROWS", "UPDATED", "ERROR");
            for (Batch b : store.list(status, table, limit)) {
                String error = b.error() == null ? "" : b.error().lines().findFirst().orElse("");
                out.printf("%6d  %-11s  %-11s  %-28s  %5d  %12s  %-19s  %s%n", b.id(), lower(b.status()), b.kind().label(), b.table(),
                        b.fileCount(), b.rowsLoaded() == null ? "-" : Summary.number(b.rowsLoaded()), time(b.updatedAt()),
                        error.length() > 80 ? error.substring(0, 77) + "..." : error);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One batch: its files, outcome and history.")
    static final class ShowBatch implements Callable<Integer> {
        private final Console console;

        @Parameters(paramLabel = "BATCH", description = "The batch id.")
        long id;

        ShowBatch(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws SQLException {
            BatchStore store = store(console);
            Batch b = store == null ? null : store.get(id).orElse(null);
            if (b == null) {
                console.err().println("sluice: no batch " + id);
                return ExitCode.USAGE;
            }
            PrintStream out = console.out();
            out.printf("batch %d: %s %s export of %s%n", b.id(), lower(b.status()), b.kind().label(), b.table());
            out.printf("  target       %s%n", b.target() == null ? "-" : b.target());
            out.printf("  files        %d (%s bytes of CSV)%n", b.fileCount(), Summary.number(b.csvBytes()));
            out.printf("  rows         %s loaded, %s rejected%n", b.rowsLoaded() == null ? "-" : Summary.number(b.rowsLoaded()),
                    b.rowsRejected() == null ? "-" : Summary.number(b.rowsRejected()));
            out.printf("  created      %s; closed %s; locked %s; finished %s%n", time(b.createdAt()), time(b.closedAt()),
                    time(b.lockedAt()), time(b.finishedAt()));
            out.printf("  attempts     %d%s%n", b.attempts(), b.leaseOwner() == null ? ""
                    : " (held by " + b.leaseOwner() + " until " + time(b.leaseUntil()) + ")");
            if (b.reprocessOf() != null) {
                out.printf("  reprocesses  batch %d%n", b.reprocessOf());
            }
            if (b.reprocessedAs() != null) {
                out.printf("  reprocessed  as batch %d%n", b.reprocessedAs());
            }
            if (b.error() != null) {
                out.printf("  error        %s%n", b.error());
            }
            out.println("files:");
            for (BatchFile f : store.files(id)) {
                out.printf("  %-11s %8s rows  %s%s%n", lower(f.status()), f.rows() == null ? "-" : Summary.number(f.rows()), f.fileKey(),
                        f.error() == null ? "" : "\n              " + f.error());
            }
            out.println("history:");
            for (HistoryEntry h : store.history(id)) {
                out.printf("  %s  %-11s %s%n", time(h.at()), lower(h.status()), h.note() == null ? "" : h.note());
            }
            return ExitCode.OK;
        }
    }

    /** A verb that changes one batch: refused changes are usage errors with the store's reason. */
    private abstract static class BatchChange implements Callable<Integer> {
        private final Console console;

        @Parameters(paramLabel = "BATCH", description = "The batch id.")
        long id;

        BatchChange(Console console) {
            this.console = console;
        }

        /** Applies the change and returns what to tell the operator. */
        abstract String apply(BatchStore store) throws SQLException;

        @Override
        public Integer call() throws SQLException {
            BatchStore store = store(console);
            if (store == null) {
                return noStore(console);
            }
            try {
                console.out().println(apply(store));
                return ExitCode.OK;
            } catch (IllegalStateException | IllegalArgumentException e) {
                console.err().println("sluice: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
    }

    @Command(name = "reprocess", mixinStandardHelpOptions = true,
            description = "Replace an ERROR (or LOCKED) batch by a new batch of the same files; files already loaded are skipped.")
    static final class ReprocessBatch extends BatchChange {
        ReprocessBatch(Console console) {
            super(console);
        }

        @Override
        String apply(BatchStore store) throws SQLException {
            long fresh = store.reprocess(id, Instant.now());
            return "batch " + id + " reprocessed as batch " + fresh + " (pending: the next worker pass loads it)";
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = "Hand a LOCKED batch back to the workers now, without waiting for its lease (its worker is gone).")
    static final class UnlockBatch extends BatchChange {
        UnlockBatch(Console console) {
            super(console);
        }

        @Override
        String apply(BatchStore store) throws SQLException {
            store.unlock(id, Instant.now());
            return "batch " + id + " unlocked (pending: the next worker pass loads it)";
        }
    }
}
