package dev.sluice.core.typing;

import dev.sluice.core.record.Value;

import java.math.BigDecimal;

/** Small character-level helpers shared by inference and the explicit parsers. */
final class Cells {

    private Cells() {
    }

    /** Longest part of a cell quoted in an error message. */
    private static final int QUOTE_MAX = 60;

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Index of the first character that is not a blank (≤ U+0020), or {@code end}. */
    static int trimStart(String s, int start, int end) {
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    /** One past the last character that is not a blank, or {@code start}. */
    static int trimEnd(String s, int start, int end) {
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }

    static boolean isBlank(String s) {
        return trimStart(s, 0, s.length()) == s.length();
    }

    /** Whether s[start, end) equals token, ignoring case. */
    static boolean regionIs(String s, int start, int end, String token) {
        return end - start == token.length() && s.regionMatches(true, start, token, 0, token.length());
    }

    /** The cell in single quotes for an error message, shortened when long. */
    static String quote(String cell) {
        if (cell.length() <= QUOTE_MAX) {
            return "'" + cell + "'";
        }
        return "'" + cell.substring(0, QUOTE_MAX) + "…' (" + cell.length() + " characters)";
    }

    /**
     * Parses s[start, end), which must be an optional sign and 1..19 ASCII digits, as a long.
     * Returns {@code null} when the value is outside the signed 64-bit range or the text is not of
     * that form. No exceptions, no allocation beyond the result.
     */
    static Value.Int parseLong(String s, int start, int end) {
        int i = start;
        boolean negative = false;
        char first = s.charAt(i);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i++;
        }
        int digits = end - i;
        if (digits <= 0 || digits > 19) {
            return null;
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multmin = limit / 10;
        long result = 0;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return null;
            }
            int d = c - '0';
            if (result < multmin) {
                return null;
            }
            result *= 10;
            if (result < limit + d) {
                return null;
            }
            result -= d;
        }
        return new Value.Int(negative ? result : -result);
    }

    /**
     * The AUTO number grammar on trimmed s[start, end): an integer {@code -?(0|[1-9][0-9]*)} within
     * 64 bits → Int; a decimal {@code -?(0|[1-9][0-9]*)?\.[0-9]+} → Dec (exact). Anything else, or an
     * integer too large for 64 bits, → null (the caller keeps the string).
     */
    static Value inferNumber(String s, int start, int end) {
        int i = start;
        if (s.charAt(i) == '-') {
            i++;
        }
        int intStart = i;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        int intLen = i - intStart;
        if (intLen > 1 && s.charAt(intStart) == '0') {
            return null; // 0042, 00, 007.5: codes, not numbers
        }
        if (i == end) {
            return intLen == 0 ? null : parseLong(s, start, end);
        }
        if (s.charAt(i) != '.') {
            return null;
        }
        i++;
        int fracStart = i;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        if (i != end || i == fracStart) {
            return null; // "5." or "1.2.3" or "1.5e3"
        }
        return new Value.Dec(new BigDecimal(s.substring(start, end)));
    }
}
