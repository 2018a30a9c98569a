package dev.sluice.postgres.load;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRow;
import dev.sluice.core.engine.JobProgress;
import dev.sluice.core.rejects.RejectedRow;
import dev.sluice.core.rejects.RejectsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Streams a CSV file's rows into a running {@code COPY … FROM STDIN (FORMAT csv)}, after checking each
 * one: a malformed row, a row with the wrong number of fields, a NUL character or a cell its column's
 * type refuses never reaches PostgreSQL (one bad row inside a COPY aborts the whole statement). Bad
 * rows fail the load or go to the rejects file, per the {@link BadRowPolicy}.
 *
 * <p>A good row is sent as the exact bytes the file holds: the reader has checked that it is strict
 * RFC 4180 (a malformed row is never passed through), which PostgreSQL's CSV format reads the same
 * way, so nothing is re-encoded. The COPY uses the file's delimiter and quote, and FORCE_NULL on every
 * column, so an empty field is NULL whether it was quoted or not.
 */
final class CopyFeed {
    /** Rows between progress reports: often enough for a line redrawn twice a second, cheap per row. */
    static final int PROGRESS_EVERY = 4096;

    private static final int BUFFER = 1 << 18;
    private static final byte[] END_OF_DATA = {'\\', '.'};

    private final byte[] buffer = new byte[BUFFER];
    private final byte[] quotedEndOfData;
    private int used;

    CopyFeed(CsvOptions csv) {
        byte q = (byte) csv.quote();
        quotedEndOfData = new byte[] {q, '\\', '.', q};
    }

    /** Counts for one file: {@code read = loaded + rejected}. */
    record Result(long read, long loaded, long rejected, Path rejectsFile) {
    }

    /** The COPY statement for a file with these columns, read with these options. */
    static String copySql(TableRef table, List<String> columns, CsvOptions csv, boolean freeze) {
        String cols = Sql.idents(columns);
        return "COPY " + table.sql() + " (" + cols + ") FROM STDIN WITH (FORMAT csv, DELIMITER "
                + Sql.literal(String.valueOf(csv.delimiter())) + ", QUOTE " + Sql.literal(String.valueOf(csv.quote()))
                + ", FORCE_NULL (" + cols + ")" + (freeze ? ", FREEZE true" : "") + ")";
    }

    /** @param progress told every {@link #PROGRESS_EVERY} rows how far the file is read, or null */
    Result feed(LoadFile file, CsvReader reader, ColumnPlan plan, CopyIn copy, BadRowPolicy policy, JobProgress progress)
            throws IOException, SQLException {
        int width = plan.copyColumns().size();
        int[] checked = checkedColumns(plan.checks());
        long read = 0;
        long rejected = 0;
        Path rejectsPath = policy instanceof BadRowPolicy.Reject r ? r.rejectsFile().apply(file) : null;
        try (RejectsFile rejects = rejectsPath == null ? null : RejectsFile.resume(rejectsPath, 0)) {
            if (progress != null) {
                progress.start(0, 0, CsvFile.readableBytes(file));
            }
            CsvRow row;
            long end = 0;
            while ((row = reader.next()) != null) {
                read++;
                end = row.position().endOffset();
                if (progress != null && read % PROGRESS_EVERY == 0) {
                    progress.read(read, end);
                    progress.committed(read);
                }
                RejectedRow bad = check(row, width, checked, plan);
                if (bad == null) {
                    send(copy, row.raw());
                    continue;
                }
                if (rejects == null) {
                    throw new LoadRefusedException(file.path() + ": line " + bad.line()
                            + (bad.column() == null ? "" : ", column " + bad.column()) + ": " + bad.reason()
                            + " (bad rows fail this load; nothing of it was kept)");
                }
                rejects.append(List.of(bad));
                rejected++;
            }
            flush(copy);
            if (progress != null) {
                progress.read(read, end);
                progress.committed(read);
            }
            return new Result(read, read - rejected, rejected, rejected > 0 ? rejectsPath : null);
        }
    }

    private static int[] checkedColumns(List<CellCheck> checks) {
        return java.util.stream.IntStream.range(0, checks.size()).filter(i -> checks.get(i) != CellCheck.ANY).toArray();
    }

    private static RejectedRow check(CsvRow row, int width, int[] checked, ColumnPlan plan) {
        long line = row.position().line();
        if (row.malformed()) {
            return new RejectedRow(line, null, "malformed CSV: " + row.syntaxError(), row.rawText());
        }
        String[] fields = row.fields();
        if (fields.length != width) {
            return new RejectedRow(line, null, "expected " + width + " fields, found " + fields.length, row.rawText());
        }
        if (hasNul(row.raw())) {
            int column = 0;
            while (fields[column].indexOf('\0') < 0) {
                column++;
            }
            return new RejectedRow(line, plan.copyColumns().get(column), "contains a NUL character, which PostgreSQL"
                    + " cannot store", row.rawText());
        }
        for (int i : checked) {
            String value = fields[i];
            if (!value.isEmpty()) {
                String problem = plan.checks().get(i).problem(value);
                if (problem != null) {
                    return new RejectedRow(line, plan.copyColumns().get(i), problem + ": " + value, row.rawText());
                }
            }
        }
        return null;
    }

    private static boolean hasNul(byte[] raw) {
        for (byte b : raw) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private void send(CopyIn copy, byte[] raw) throws SQLException {
        if (java.util.Arrays.equals(raw, END_OF_DATA)) {
            // a line holding only \. ends COPY data: send the same value quoted
            raw = quotedEndOfData;
        }
        if (used + raw.length + 1 > BUFFER) {
            flush(copy);
            if (raw.length + 1 > BUFFER) {
                copy.writeToCopy(raw, 0, raw.length);
                copy.writeToCopy(new byte[] {'\n'}, 0, 1);
                return;
            }
        }
        System.arraycopy(raw, 0, buffer, used, raw.length);
        used += raw.length;
        buffer[used++] = '\n';
    }

    private void flush(CopyIn copy) throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }
}
