package dev.sluice.core.typing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Hand-written date/time parser for {@link ColumnType#TIME}. Accepts, on a trimmed cell:
 * <ul>
 *   <li>{@code yyyy-MM-dd} → midnight UTC;</li>
 *   <li>{@code yyyy-MM-dd[T| ]HH:mm[:ss[(.|,)f{1,9}]]} optionally followed (after an optional
 *       space) by a zone: {@code Z}, {@code UTC}, {@code GMT}, {@code ±HH}, {@code ±HHmm} or
 *       {@code ±HH:mm}. Without a zone the time is UTC. Braze's own {@code ss:SSS} form (a colon
 *       before exactly three millisecond digits) is accepted too;</li>
 *   <li>{@code M/d/yyyy} (US order, month and day of one or two digits) → midnight UTC.</li>
 * </ul>
 * Returns null for anything else or for an impossible date (Feb 30, hour 24); no exceptions.
 */
final class TimeParser {

    private TimeParser() {
    }

    static Instant parse(String s, int start, int end) {
        int n = end - start;
        if (n >= 10 && s.charAt(start + 4) == '-') {
            return parseIso(s, start, end);
        }
        if (n >= 8 && n <= 10) {
            return parseUs(s, start, end);
        }
        return null;
    }

    private static int digits(String s, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (!Cells.isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Instant parseIso(String s, int start, int end) {
        int year = digits(s, start, 4);
        int month = digits(s, start + 5, 2);
        int day = s.charAt(start + 7) == '-' ? digits(s, start + 8, 2) : -1;
        if (year < 0 || month < 0 || day < 0 || !validDate(year, month, day)) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        int p = start + 10;
        if (p == end) {
            return Instant.ofEpochSecond(epochDay * 86_400L);
        }
        char sep = s.charAt(p);
        if ((sep != 'T' && sep != 't' && sep != ' ') || p + 6 > end) {
            return null;
        }
        p++;
        int hour = digits(s, p, 2);
        if (hour < 0 || hour > 23 || s.charAt(p + 2) != ':') {
            return null;
        }
        int minute = digits(s, p + 3, 2);
        if (minute < 0 || minute > 59) {
            return null;
        }
        p += 5;
        int second = 0;
        int nanos = 0;
        if (p < end && s.charAt(p) == ':') {
            if (p + 3 > end) {
                return null;
            }
            second = digits(s, p + 1, 2);
            if (second < 0 || second > 59) {
                return null;
            }
            p += 3;
            if (p < end && (s.charAt(p) == '.' || s.charAt(p) == ',' || s.charAt(p) == ':')) {
                boolean brazeColon = s.charAt(p) == ':';
                int f = p + 1;
                int q = f;
                while (q < end && Cells.isDigit(s.charAt(q))) {
                    q++;
                }
                int len = q - f;
                if (len == 0 || len > 9 || (brazeColon && len != 3)) {
                    return null;
                }
                nanos = digits(s, f, len);
                for (int k = len; k < 9; k++) {
                    nanos *= 10;
                }
                p = q;
            }
        }
        int offsetSeconds = 0;
        if (p < end) {
            if (s.charAt(p) == ' ') {
                p++;
                if (p == end) {
                    return null;
                }
            }
            int zone = parseZone(s, p, end);
            if (zone == Integer.MIN_VALUE) {
                return null;
            }
            offsetSeconds = zone;
        }
        long seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The offset in seconds of a zone designator spanning exactly [p, end), or MIN_VALUE. */
    private static int parseZone(String s, int p, int end) {
        int n = end - p;
        char c = s.charAt(p);
        if (n == 1 && (c == 'Z' || c == 'z')) {
            return 0;
        }
        if (Cells.regionIs(s, p, end, "UTC") || Cells.regionIs(s, p, end, "GMT")) {
            return 0;
        }
        if (c != '+' && c != '-') {
            return Integer.MIN_VALUE;
        }
        int sign = c == '-' ? -1 : 1;
        int hours;
        int minutes = 0;
        if (n == 3) {
            hours = digits(s, p + 1, 2);
        } else if (n == 5) {
            hours = digits(s, p + 1, 2);
            minutes = digits(s, p + 3, 2);
        } else if (n == 6 && s.charAt(p + 3) == ':') {
            hours = digits(s, p + 1, 2);
            minutes = digits(s, p + 4, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        return sign * (hours * 3_600 + minutes * 60);
    }

    private static Instant parseUs(String s, int start, int end) {
        int slash1 = s.indexOf('/', start);
        if (slash1 < 0 || slash1 >= end) {
            return null;
        }
        int slash2 = s.indexOf('/', slash1 + 1);
        if (slash2 < 0 || slash2 >= end) {
            return null;
        }
        int mLen = slash1 - start;
        int dLen = slash2 - slash1 - 1;
        int yLen = end - slash2 - 1;
        if (mLen < 1 || mLen > 2 || dLen < 1 || dLen > 2 || yLen != 4) {
            return null;
        }
        int month = digits(s, start, mLen);
        int day = digits(s, slash1 + 1, dLen);
        int year = digits(s, slash2 + 1, 4);
        if (month < 0 || day < 0 || year < 0 || !validDate(year, month, day)) {
            return null;
        }
        return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400L);
    }

    private static boolean validDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int max;
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                max = leap ? 29 : 28;
                break;
            case 4: case 6: case 9: case 11:
                max = 30;
                break;
            default:
                max = 31;
        }
        return day <= max;
    }
}
