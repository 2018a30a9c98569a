package dev.sluice.lambda.imports;

import dev.sluice.lambda.continuation.FileEvent;

/**
 * The files one invocation is given (an S3 event's records, an SQS batch's messages), imported one
 * after another. Once a file had to be continued, or too little time is left to start another, the
 * rest are handed to new invocations as they came, so no file waits for a retry.
 */
public final class InvocationFiles {
    private final FileImporter importer;
    private boolean started;
    private boolean outOfTime;

    public InvocationFiles(FileImporter importer) {
        this.importer = importer;
    }

    public FileOutcome next(FileEvent file, Invocation invocation) {
        if (outOfTime || started && !importer.hasTimeFor(invocation)) {
            outOfTime = true;
            return importer.handOff(file, invocation);
        }
        started = true;
        FileOutcome outcome = importer.importFile(file, invocation);
        outOfTime = outcome instanceof FileOutcome.Continued;
        return outcome;
    }
}
