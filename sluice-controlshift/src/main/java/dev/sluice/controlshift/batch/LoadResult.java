package dev.sluice.controlshift.batch;

import java.util.List;

/**
 * How a locked batch's load ended.
 *
 * @param status COMPLETE or ERROR
 * @param target the table loaded, {@code schema.table}
 * @param error null when COMPLETE; otherwise what went wrong, naming the files
 */
public record LoadResult(BatchStatus status, String target, long rowsLoaded, long rowsRejected, String error,
        List<FileResult> files) {

    public LoadResult {
        files = List.copyOf(files);
    }

    /** One file's outcome; {@code rows} is null when the file was loaded together with others (the loader counts per load). */
    public record FileResult(long eventId, String fileKey, FileStatus status, Long rows, String error) {
    }

    /** One line for the batch's history. */
    public String summary() {
        long loaded = files.stream().filter(f -> f.status() == FileStatus.LOADED).count();
        long skipped = files.stream().filter(f -> f.status() == FileStatus.SKIPPED).count();
        long bad = files.size() - loaded - skipped;
        return loaded + " loaded, " + skipped + " skipped, " + bad + " not loaded; " + rowsLoaded + " rows into " + target
                + (error == null ? "" : "; " + error);
    }
}
