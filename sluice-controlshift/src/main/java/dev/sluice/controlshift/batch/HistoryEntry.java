package dev.sluice.controlshift.batch;

import java.time.Instant;

/** One change of a batch's status. */
public record HistoryEntry(Instant at, BatchStatus status, String note) {
}
