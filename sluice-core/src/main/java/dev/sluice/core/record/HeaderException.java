package dev.sluice.core.record;

/** A header that cannot be used: the whole file fails before anything is sent. */
public class HeaderException extends RuntimeException {
    public HeaderException(String message) {
        super(message);
    }
}
