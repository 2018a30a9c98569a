package dev.sluice.dynamodb.item;

/** Character-level helpers: UTF-8 sizes without encoding, blank checks, quoting for messages. */
final class Texts {

    private static final int QUOTE_MAX = 60;

    private Texts() {
    }

    /** The UTF-8 length of s, counted without encoding (a lone surrogate counts 3, as its replacement). */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Whether s is empty or only blanks (characters ≤ U+0020), as the core typer counts empty cells. */
    static boolean isBlank(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) > ' ') {
                return false;
            }
        }
        return true;
    }

    /** s without leading and trailing blanks (≤ U+0020). */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** s in single quotes for a message, shortened when long. */
    static String quote(String s) {
        if (s.length() <= QUOTE_MAX) {
            return "'" + s + "'";
        }
        return "'" + s.substring(0, QUOTE_MAX) + "…' (" + s.length() + " characters)";
    }
}
