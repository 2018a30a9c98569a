package dev.sluice.controlshift.batch;

import java.util.List;

/** Hears of each committed load transaction, before the batch's status is recorded (logs, metrics). */
@FunctionalInterface
public interface LoadListener {
    void committed(long batchId, String target, List<String> fileKeys, long rows);
}
