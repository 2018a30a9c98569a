package dev.sluice.cli.serve;

import java.nio.file.Path;

/** Runs {@code sluice import} on an arrival, in this process; returns its exit code (see ExitCode). */
@FunctionalInterface
public interface FileImporter {

    /** @param rejects where the import writes its rejected rows */
    int importFile(Arrival arrival, Path rejects);
}
