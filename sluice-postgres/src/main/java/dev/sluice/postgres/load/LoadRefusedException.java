package dev.sluice.postgres.load;

import java.io.IOException;

/**
 * The file cannot be loaded as it is: a bad row under {@link BadRowPolicy.Fail}, a header the drift
 * policy refuses, a FULL that would empty the table. Retrying will not help; the message names the
 * file and, for a row, its line and column.
 */
public class LoadRefusedException extends IOException {
    public LoadRefusedException(String message) {
        super(message);
    }
}
