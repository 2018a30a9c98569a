package dev.sluice.braze.sandbox;

import java.util.Objects;

/**
 * Something that goes wrong with one {@code /users/track} request instead of handling it.
 * A faulted request never changes profiles or the accepted counters, so a client may safely retry it.
 *
 * @param kind   what happens
 * @param status the HTTP status for {@link Kind#STATUS} and {@link Kind#HTML}; 0 otherwise
 */
public record Fault(Kind kind, int status) {

    public enum Kind {
        /** An HTTP error with Braze's JSON body {@code {"message": ...}}. */
        STATUS,
        /** An HTTP error with an HTML body, as a proxy or load balancer in front of Braze sends it. */
        HTML,
        /** The TCP connection is closed without any response. */
        RESET,
        /** The request is read but never answered, until the sandbox closes or ten minutes pass. */
        HANG
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        boolean hasStatus = kind == Kind.STATUS || kind == Kind.HTML;
        if (hasStatus && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a fault status must be 400-599, got " + status);
        }
        if (!hasStatus && status != 0) {
            throw new IllegalArgumentException(kind + " faults have no status, got " + status);
        }
    }

    /** A JSON error such as 500, 503 or 429 (a 429 also carries the rate-limit headers). */
    public static Fault status(int code) {
        return new Fault(Kind.STATUS, code);
    }

    /** An error with an HTML body ({@code text/html}), such as a proxy's 502 or 503 page. */
    public static Fault html(int code) {
        return new Fault(Kind.HTML, code);
    }

    public static Fault reset() {
        return new Fault(Kind.RESET, 0);
    }

    public static Fault hang() {
        return new Fault(Kind.HANG, 0);
    }

    /** {@code 500}, {@code html502}, {@code reset} or {@code hang}. */
    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> Integer.toString(status);
            case HTML -> "html" + status;
            case RESET -> "reset";
            case HANG -> "hang";
        };
    }
}
