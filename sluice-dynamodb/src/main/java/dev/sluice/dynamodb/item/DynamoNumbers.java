package dev.sluice.dynamodb.item;

/**
 * DynamoDB's number rules, checked by hand (no regular expression, no BigDecimal, no allocation on
 * the valid path).
 *
 * <p><b>Grammar</b> (what DynamoDB accepts, dynamodb.md 2.5): an optional sign, digits with an
 * optional fraction ({@code 1.}, {@code .5} and {@code 00012.3400} are fine), an optional exponent
 * ({@code e}/{@code E}, optional sign, digits). Nothing else: no blanks, thousands separators, hex,
 * {@code NaN} or {@code Infinity}. At most 38 significant digits (leading and trailing zeros do not
 * count: {@code 1} followed by 41 zeros is fine), and a magnitude of zero or within
 * 1E-130..9.9999999999999999999999999999999999999E+125.
 *
 * <p><b>Size.</b> DynamoDB stores a number as base-100 digits aligned to the decimal point plus an
 * exponent byte, and one more byte when negative. So the size is 1 + (the number of two-digit
 * groups, aligned to the decimal point, from the first significant digit to the last) + (1 if
 * negative); zero is 1 byte. {@code 12345} is 1 + 3 = 4 bytes, {@code 1.5} is 1 + 2 = 3, {@code -7}
 * is 3. This refines the documented approximation "1 byte per two significant digits + 1" and
 * matched DynamoDB Local 2.6.1 byte for byte at the 400 KB limit (lists of 19- and 20-digit,
 * negative, {@code 1.5}, {@code 12.5} and {@code 0} numbers).
 */
final class DynamoNumbers {

    static final int NOT_A_NUMBER = -1;
    static final int TOO_PRECISE = -2;
    static final int OVERFLOW = -3;
    static final int UNDERFLOW = -4;

    static final int MAX_DIGITS = 38;
    static final int MAX_EXPONENT = 125;
    static final int MIN_EXPONENT = -130;

    /** Exponents are capped here while parsing; anything beyond is out of range for any digits. */
    private static final long EXPONENT_CAP = 1_000_000_000L;

    private DynamoNumbers() {
    }

    /**
     * The stored size in bytes of a valid number, or a negative code: {@link #NOT_A_NUMBER},
     * {@link #TOO_PRECISE}, {@link #OVERFLOW}, {@link #UNDERFLOW}.
     */
    static int size(String s) {
        return scan(s);
    }

    /**
     * The size of s if it is a number that inference may type N, else a negative code. Stricter than
     * the grammar, so inference never changes what a cell says: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}
     * only (no leading zeros, so {@code 007} and {@code 02134} stay strings; no {@code +}, exponent,
     * {@code .5} or {@code 5.}), then the precision and range rules.
     */
    static int inferredSize(String s) {
        int n = s.length();
        if (n == 0) {
            return NOT_A_NUMBER;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intLen = i - intStart;
        if (intLen == 0 || (intLen > 1 && s.charAt(intStart) == '0')) {
            return NOT_A_NUMBER;
        }
        if (i < n) {
            if (s.charAt(i) != '.') {
                return NOT_A_NUMBER;
            }
            i++;
            int fracStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i != n || i == fracStart) {
                return NOT_A_NUMBER;
            }
        }
        return scan(s);
    }

    /**
     * One canonical text per numeric value ({@code 1}, {@code 1.0}, {@code 0001}, {@code 1e0} all give
     * {@code 1E0}; every zero gives {@code 0}), for ordering keys and set de-duplication. s must be
     * valid ({@link #size} ≥ 0).
     */
    static String canonical(String s) {
        int n = s.length();
        Mantissa m = Mantissa.read(s);
        boolean negative = m.negative();
        int intStart = m.intStart();
        int intEnd = m.intEnd();
        int fracStart = m.fracStart();
        int fracEnd = m.fracEnd();
        int i = m.end();
        long exp = exponent(s, i, n);
        StringBuilder digits = new StringBuilder(MAX_DIGITS + 8);
        long firstPower = Long.MIN_VALUE;
        int pendingZeros = 0;
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? intStart : fracStart;
            int to = pass == 0 ? intEnd : fracEnd;
            for (int k = from; k < to; k++) {
                char d = s.charAt(k);
                if (firstPower == Long.MIN_VALUE) {
                    if (d == '0') {
                        continue;
                    }
                    firstPower = (pass == 0 ? intEnd - 1 - k : -(k - fracStart + 1)) + exp;
                }
                if (d == '0') {
                    pendingZeros++;
                } else {
                    for (; pendingZeros > 0; pendingZeros--) {
                        digits.append('0');
                    }
                    digits.append(d);
                }
            }
        }
        if (firstPower == Long.MIN_VALUE) {
            return "0";
        }
        return (negative ? "-" : "") + digits + "E" + firstPower;
    }

    /** A message for a negative code from {@link #size}, quoting the value. */
    static String reason(int code, String s) {
        String q = Texts.quote(s);
        switch (code) {
            case TOO_PRECISE:
                return q + " has more than " + MAX_DIGITS + " significant digits, DynamoDB's precision";
            case OVERFLOW:
                return q + " is larger in magnitude than DynamoDB's largest number, "
                        + "9.9999999999999999999999999999999999999E+125";
            case UNDERFLOW:
                return q + " is smaller in magnitude than DynamoDB's smallest number, 1E-130";
            default:
                return q + " is not a number DynamoDB accepts (digits with an optional sign, fraction and exponent;"
                        + " no blanks, separators, hex, NaN or Infinity)";
        }
    }

    /**
     * The sign, integer digits and fraction digits at the start of s (index ranges, end exclusive),
     * and where they stop: the part both the checks and the canonical form read the same way.
     */
    private record Mantissa(boolean negative, int intStart, int intEnd, int fracStart, int fracEnd, int end) {
        static Mantissa read(String s) {
            int n = s.length();
            int i = 0;
            boolean negative = false;
            char c = s.charAt(0);
            if (c == '+' || c == '-') {
                negative = c == '-';
                i++;
            }
            int intStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int intEnd = i;
            int fracStart = i;
            int fracEnd = i;
            if (i < n && s.charAt(i) == '.') {
                i++;
                fracStart = i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                fracEnd = i;
            }
            return new Mantissa(negative, intStart, intEnd, fracStart, fracEnd, i);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The exponent part starting at i ({@code e}/{@code E}…) up to n, or 0 when i == n; caller validated. */
    private static long exponent(String s, int i, int n) {
        if (i >= n) {
            return 0;
        }
        i++; // e or E
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        long e = 0;
        for (; i < n; i++) {
            e = Math.min(EXPONENT_CAP, e * 10 + (s.charAt(i) - '0'));
        }
        return negative ? -e : e;
    }

    private static int scan(String s) {
        int n = s.length();
        if (n == 0) {
            return NOT_A_NUMBER;
        }
        Mantissa m = Mantissa.read(s);
        boolean negative = m.negative();
        int intStart = m.intStart();
        int intEnd = m.intEnd();
        int fracStart = m.fracStart();
        int fracEnd = m.fracEnd();
        int i = m.end();
        if (intEnd - intStart + fracEnd - fracStart == 0) {
            return NOT_A_NUMBER;
        }
        long exp = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E') {
                return NOT_A_NUMBER;
            }
            i++;
            boolean expNegative = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                expNegative = s.charAt(i) == '-';
                i++;
            }
            int expStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                exp = exp * 10 + (s.charAt(i) - '0');
                if (exp > Integer.MAX_VALUE) {
                    return NOT_A_NUMBER; // DynamoDB cannot read such an exponent, even for zero
                }
                i++;
            }
            if (i != n || i == expStart) {
                return NOT_A_NUMBER;
            }
            if (expNegative) {
                exp = -exp;
            }
        }
        // powers of ten of the first and last non-zero digits
        long first = Long.MIN_VALUE;
        for (int k = intStart; k < intEnd && first == Long.MIN_VALUE; k++) {
            if (s.charAt(k) != '0') {
                first = intEnd - 1 - k;
            }
        }
        for (int k = fracStart; k < fracEnd && first == Long.MIN_VALUE; k++) {
            if (s.charAt(k) != '0') {
                first = -(k - fracStart + 1);
            }
        }
        if (first == Long.MIN_VALUE) {
            return 1; // zero, whatever its sign and exponent
        }
        long last = Long.MIN_VALUE;
        for (int k = fracEnd - 1; k >= fracStart && last == Long.MIN_VALUE; k--) {
            if (s.charAt(k) != '0') {
                last = -(k - fracStart + 1);
            }
        }
        for (int k = intEnd - 1; k >= intStart && last == Long.MIN_VALUE; k--) {
            if (s.charAt(k) != '0') {
                last = intEnd - 1 - k;
            }
        }
        if (first - last + 1 > MAX_DIGITS) {
            return TOO_PRECISE;
        }
        first += exp;
        last += exp;
        if (first > MAX_EXPONENT) {
            return OVERFLOW;
        }
        if (first < MIN_EXPONENT) {
            return UNDERFLOW;
        }
        long groups = Math.floorDiv(first, 2) - Math.floorDiv(last, 2) + 1;
        return (int) (1 + groups + (negative ? 1 : 0));
    }
}
