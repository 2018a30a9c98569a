package dev.sluice.controlshift.notify;

import java.util.List;

/**
 * The notification of one finished batch (the original loader's SNS message, with the files and rows):
 * {@code {"batchId", "status": "ok"|"error", "table", "kind", "target", "files": [{"key", "status", "rows",
 * "error"}], "rows", "rowsRejected", "error"}}.
 */
public record BatchNotice(long batchId, String status, String table, String kind, String target, List<FileNotice> files,
        long rows, long rowsRejected, String error) {

    public BatchNotice {
        files = List.copyOf(files);
    }

    public boolean ok() {
        return "ok".equals(status);
    }

    public record FileNotice(String key, String status, Long rows, String error) {
    }
}
