package dev.sluice.core.csv;

/**
 * Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF). Decoding alone
 * would silently turn bad bytes into U+FFFD and send them to the destination.
 */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int lead = bytes[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i, to);
            if (length == 0) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** The length of the valid multi-byte sequence at {@code i}, or 0. */
    private static int sequenceLength(byte[] bytes, int i, int to) {
        int lead = bytes[i] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            return 0; // a continuation byte, an overlong 2-byte lead, or beyond U+10FFFF
        }
        int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (i + length > to) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        int second = bytes[i + 1] & 0xFF;
        boolean outOfRange = (lead == 0xE0 && second < 0xA0) // overlong 3-byte form
                || (lead == 0xED && second >= 0xA0)           // a UTF-16 surrogate
                || (lead == 0xF0 && second < 0x90)            // overlong 4-byte form
                || (lead == 0xF4 && second >= 0x90);          // above U+10FFFF
        return outOfRange ? 0 : length;
    }
}
