package dev.sluice.core.ledger;

/** The ledger cannot be read or written: the job cannot promise anything, so it stops. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
