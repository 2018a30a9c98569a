package dev.sluice.core.engine;

import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.source.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a run starts reading: the beginning, the ledger's checkpoint of an interrupted run, or an
 * offset a person gave. {@code header} is null when the file's own header line is to be read.
 *
 * @param resumed the interrupted job this run continues, or null for a new job
 */
record StartPoint(Checkpoint checkpoint, List<String> header, JobRecord resumed) {

    static StartPoint beginning() {
        return new StartPoint(Checkpoint.START, null, null);
    }

    static StartPoint resume(JobRecord job) {
        return new StartPoint(job.checkpoint(), job.header(), job);
    }

    /**
     * A manual start at a byte offset. The offset must begin a line (the byte before it ends one), or
     * the first "row" would be the tail of another; its line number is counted so rejects still name
     * the right lines.
     */
    static StartPoint manual(SourceObject source, ManualStart start) throws IOException {
        if (start.offset() == 0) {
            return new StartPoint(Checkpoint.START, start.header(), null);
        }
        long line = 1;
        int previous = -1;
        try (InputStream in = source.open(0)) {
            byte[] buffer = new byte[64 * 1024];
            long left = start.offset();
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new InvalidStartException("--offset " + start.offset() + " is past the end of "
                            + source.name() + " (" + (start.offset() - left) + " bytes)");
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || previous == '\r') {
                        line++;
                    }
                    previous = b;
                }
                left -= n;
            }
        }
        if (previous == '\r' && !startsWithLineFeed(source, start.offset())) {
            line++;
        } else if (previous != '\n') {
            throw new InvalidStartException("--offset " + start.offset() + " is not at the start of a line of "
                    + source.name() + "; use the offset from the continuation event or the ledger");
        }
        return new StartPoint(new Checkpoint(start.offset(), line, Counts.ZERO, 0),
                start.header(), null);
    }

    /** A CR just before the offset and an LF at it: the offset splits a CRLF, inside a line end. */
    private static boolean startsWithLineFeed(SourceObject source, long offset) throws IOException {
        try (InputStream in = source.open(offset)) {
            return in.read() == '\n';
        } catch (java.io.EOFException endOfFile) {
            return false;
        }
    }

    long offset() {
        return checkpoint.offset();
    }
}
