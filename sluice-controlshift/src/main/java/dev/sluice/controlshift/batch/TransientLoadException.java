package dev.sluice.controlshift.batch;

/** The load failed for a reason that is not the files' fault (the target unreachable, a conflict): retry later. */
public final class TransientLoadException extends Exception {
    public TransientLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
