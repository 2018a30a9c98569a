package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.record.Position;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The restart contract every resumable reader passes (after Spring Batch's shared reader test): for
 * every row of a full read, a read resumed at the row's end yields exactly the rows after it, and a
 * read resumed at its start yields it and the rows after it, with the same positions.
 */
public final class RestartContract {

    /** Opens the source at a byte offset, with the physical line there, and reads to the end. */
    @FunctionalInterface
    public interface Resume<R> {
        List<R> readFrom(long offset, long line) throws IOException;
    }

    private RestartContract() {
    }

    public static <R> void verify(List<R> fullRead, Function<R, Position> position, ToLongFunction<R> nextLine, Resume<R> resume)
            throws IOException {
        int size = fullRead.size();
        for (int i = 0; i < size; i++) {
            R row = fullRead.get(i);
            Position p = position.apply(row);
            assertThat(resume.readFrom(p.endOffset(), nextLine.applyAsLong(row)))
                    .as("resumed after row %d of %d, %s", i + 1, size, row)
                    .isEqualTo(fullRead.subList(i + 1, size));
            assertThat(resume.readFrom(p.startOffset(), p.line()))
                    .as("resumed at row %d of %d, %s", i + 1, size, row)
                    .isEqualTo(fullRead.subList(i, size));
        }
    }
}
