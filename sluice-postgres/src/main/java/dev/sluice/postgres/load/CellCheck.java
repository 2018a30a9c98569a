package dev.sluice.postgres.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether PostgreSQL will accept a non-empty cell for a column type, checked before the row is sent:
 * one bad cell inside a COPY aborts the whole statement, so a bad row must never reach it. The checks
 * accept what PostgreSQL accepts for the formats exports use, and are stricter only where PostgreSQL's
 * reading depends on session settings (a date like 01/02/2020 depends on DateStyle): such cells are
 * rejected with the format expected rather than loaded with a guess.
 */
@FunctionalInterface
interface CellCheck {

    /** Null when the value is fine, otherwise why not. */
    String problem(String value);

    CellCheck ANY = value -> null;

    /** The check for a type as {@code format_type} spells it, e.g. {@code numeric(13,10)}. */
    static CellCheck forType(String sqlType) {
        String t = sqlType.toLowerCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) {
            return ANY;
        }
        return switch (baseName(t)) {
            case "smallint", "int2" -> integer(Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case "integer", "int", "int4" -> integer(Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case "bigint", "int8" -> integer(Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case "numeric", "decimal" -> Numbers.numeric(t);
            case "real", "double precision", "float4", "float8", "float" -> Numbers::floating;
            case "boolean", "bool" -> Booleans::problem;
            case "date", "timestamp", "timestamp without time zone", "timestamp with time zone", "timestamptz" ->
                    Times::timestampProblem;
            case "uuid" -> Uuids::problem;
            case "character varying", "varchar", "character", "char", "bpchar" -> maxLength(t);
            default -> ANY;
        };
    }

    private static String baseName(String t) {
        int paren = t.indexOf('(');
        if (paren < 0) {
            return t;
        }
        // timestamp(3) without time zone → timestamp without time zone
        int close = t.indexOf(')', paren);
        return (t.substring(0, paren) + (close < 0 ? "" : t.substring(close + 1))).trim();
    }

    private static CellCheck integer(long min, long max, String type) {
        return value -> {
            String s = value.strip();
            int i = 0;
            boolean negative = false;
            if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
                negative = s.charAt(0) == '-';
                i = 1;
            }
            if (i == s.length()) {
                return "not an integer";
            }
            long n = 0;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return "not an integer";
                }
                // accumulate negatively so Long.MIN_VALUE fits
                if (n < (Long.MIN_VALUE + (c - '0')) / 10) {
                    return "out of range for " + type;
                }
                n = n * 10 - (c - '0');
            }
            if (!negative && n == Long.MIN_VALUE) {
                return "out of range for " + type;
            }
            long v = negative ? n : -n;
            return v < min || v > max ? "out of range for " + type : null;
        };
    }

    private static CellCheck maxLength(String t) {
        Matcher m = Pattern.compile("\\((\\d+)\\)").matcher(t);
        if (!m.find()) {
            return ANY;
        }
        int max = Integer.parseInt(m.group(1));
        return value -> {
            if (value.length() <= max || value.codePointCount(0, value.length()) <= max) {
                return null;
            }
            // PostgreSQL cuts excess characters silently when they are all spaces
            int cut = value.offsetByCodePoints(0, max);
            return value.substring(cut).isBlank() && value.substring(cut).chars().allMatch(c -> c == ' ')
                    ? null : "longer than " + max + " characters";
        };
    }

    /** numeric and floating point. */
    final class Numbers {
        private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

        private Numbers() {
        }

        static CellCheck numeric(String t) {
            Matcher m = Pattern.compile("\\((\\d+)(?:\\s*,\\s*(-?\\d+))?\\)").matcher(t);
            if (!m.find()) {
                return value -> special(value.strip()) || DECIMAL.matcher(value.strip()).matches() ? null : "not a number";
            }
            int precision = Integer.parseInt(m.group(1));
            int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            return value -> {
                String s = value.strip();
                if (s.equalsIgnoreCase("nan")) {
                    return null;
                }
                if (!DECIMAL.matcher(s).matches()) {
                    return special(s) ? "infinity does not fit numeric(" + precision + "," + scale + ")" : "not a number";
                }
                BigDecimal rounded = new BigDecimal(s).setScale(scale, RoundingMode.HALF_UP);
                int integerDigits = rounded.precision() - rounded.scale();
                return rounded.signum() != 0 && integerDigits > precision - scale
                        ? "does not fit numeric(" + precision + "," + scale + ")" : null;
            };
        }

        static String floating(String value) {
            String s = value.strip();
            return special(s) || DECIMAL.matcher(s).matches() ? null : "not a number";
        }

        private static boolean special(String s) {
            String l = s.toLowerCase(Locale.ROOT);
            return l.equals("nan") || l.equals("infinity") || l.equals("+infinity") || l.equals("-infinity")
                    || l.equals("inf") || l.equals("+inf") || l.equals("-inf");
        }
    }

    /** PostgreSQL's boolean input: true/yes/on/1 and false/no/off/0, any case, unique prefixes. */
    final class Booleans {
        private Booleans() {
        }

        static String problem(String value) {
            String s = value.strip().toLowerCase(Locale.ROOT);
            boolean ok = !s.isEmpty() && ("true".startsWith(s) || "false".startsWith(s) || "yes".startsWith(s)
                    || "no".startsWith(s) || s.equals("on") || s.equals("of") || s.equals("off") || s.equals("1")
                    || s.equals("0"));
            return ok ? null : "not a boolean (true/false, t/f, yes/no, on/off, 1/0)";
        }
    }

    /** ISO 8601 dates and timestamps, as exports write them. */
    final class Times {
        private static final Pattern TIMESTAMP = Pattern.compile(
                "(\\d{4,5})-(\\d{1,2})-(\\d{1,2})"
                        + "(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,})?)?)?"
                        + "\\s*(?:Z|z|UTC|utc|GMT|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)?"
                        + "(?: BC)?");

        private Times() {
        }

        static String timestampProblem(String value) {
            String s = value.strip();
            Matcher m = TIMESTAMP.matcher(s);
            if (!m.matches()) {
                String l = s.toLowerCase(Locale.ROOT);
                return l.equals("infinity") || l.equals("-infinity") || l.equals("epoch") ? null
                        : "not a date/time: expected YYYY-MM-DD[ HH:MM[:SS[.ffffff]]][±HH[:MM]]";
            }
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                return "no such date";
            }
            if (m.group(4) != null) {
                int hour = Integer.parseInt(m.group(4));
                int minute = Integer.parseInt(m.group(5));
                int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
                boolean midnight24 = hour == 24 && minute == 0 && second == 0;
                if ((hour > 23 && !midnight24) || minute > 59 || second > 60) {
                    return "no such time of day";
                }
            }
            return null;
        }
    }

    /** 32 hex digits, optionally braced, a hyphen allowed after any group of four. */
    final class Uuids {
        private Uuids() {
        }

        static String problem(String value) {
            String s = value.strip();
            if (s.startsWith("{") && s.endsWith("}")) {
                s = s.substring(1, s.length() - 1);
            }
            int digits = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.digit(c, 16) >= 0) {
                    digits++;
                } else if (!(c == '-' && digits > 0 && digits % 4 == 0 && i + 1 < s.length() && s.charAt(i + 1) != '-')) {
                    return "not a UUID";
                }
            }
            return digits == 32 ? null : "not a UUID";
        }
    }
}
