package dev.sluice.core.ledger;

import java.util.List;

/** What the ledger needs to open a job. The key identifies the (source version, destination) pair. */
public record NewJob(String key, String source, String sourceVersion, String destination, List<String> header,
        Checkpoint start, String rejectsFile) {
}
