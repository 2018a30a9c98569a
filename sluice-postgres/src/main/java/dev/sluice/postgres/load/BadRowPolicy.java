package dev.sluice.postgres.load;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What happens to a row that cannot be loaded: malformed CSV, a field count that differs from the
 * header, or a cell its column's type refuses (checked before the row is sent, so PostgreSQL never
 * aborts the COPY halfway through because of it).
 */
public sealed interface BadRowPolicy {

    /** The load fails with file, line, column and reason; nothing of it remains. */
    record Fail() implements BadRowPolicy {
    }

    /** The row goes to its file's rejects file ({@code line,column,reason,original}) and the load goes on. */
    record Reject(Function<LoadFile, Path> rejectsFile) implements BadRowPolicy {
        public Reject {
            Objects.requireNonNull(rejectsFile, "rejectsFile");
        }
    }

    static BadRowPolicy fail() {
        return new Fail();
    }

    /** Rejected rows of every file go to {@code <directory>/<file name>.rejects.csv}. */
    static BadRowPolicy rejectInto(Path directory) {
        return new Reject(file -> directory.resolve(file.path().getFileName() + ".rejects.csv"));
    }

    /** Rejected rows go to this one file (for a request of one file, as {@code sluice import} makes). */
    static BadRowPolicy rejectTo(Path rejectsFile) {
        return new Reject(file -> rejectsFile);
    }
}
