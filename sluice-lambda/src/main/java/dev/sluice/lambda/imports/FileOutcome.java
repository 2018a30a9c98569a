package dev.sluice.lambda.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ledger.Counts;

/** What became of one file in one invocation. */
public sealed interface FileOutcome {

    /** Every row is accepted, rejected or skipped; the success notification went out. */
    record Completed(Counts counts) implements FileOutcome { }

    /** The rest of the file was handed to a new invocation with {@code event}. */
    record Continued(ObjectNode event) implements FileOutcome { }

    /** Nothing to do: already imported, not an import (a rejects file), or replaced by a newer version. */
    record Skipped(String why) implements FileOutcome { }

    /** Another invocation holds the file's lease; try again later. */
    record Busy(String jobKey) implements FileOutcome { }

    /** The file stopped; {@code continuation} (logged) resumes it once the cause is fixed. */
    record Failed(String message, ObjectNode continuation) implements FileOutcome { }
}
