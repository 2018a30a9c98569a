package dev.sluice.core.typing;

import dev.sluice.core.record.Value;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Parsers for explicit column types. An explicit type replaces inference (no "infer, then cast"):
 * the cell must read as that type or it is an error, never a silent truncation or a guess.
 * The null token and empty cells are handled before these parsers, by {@link RowTyper}.
 *
 * <ul>
 *   <li>{@link ColumnType#STRING}: the cell as read, unstripped.</li>
 *   <li>{@link ColumnType#INT}: {@code [+-]?digits}, leading zeros allowed ({@code 007} → 7), within
 *       64 bits. A fraction of zeros only ({@code 4.0}, as pandas writes integer columns that have
 *       gaps) is accepted; any other fraction ({@code 4.23}) is an error, not 4.</li>
 *   <li>{@link ColumnType#FLOAT}: {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?} → exact
 *       Dec; integers accepted; a magnitude outside the double range ({@code 1e400}) and
 *       {@code nan}/{@code inf} are errors.</li>
 *   <li>{@link ColumnType#BOOL}: true/false, 1/0, yes/no, any case.</li>
 *   <li>{@link ColumnType#TIME}: see {@link TimeParser}; ISO-8601 with or without zone (UTC when
 *       absent), {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy-MM-dd}, {@code MM/dd/yyyy}.</li>
 *   <li>{@link ColumnType#ARRAY}: a JSON array or Python list.</li>
 *   <li>{@link ColumnType#OBJECT}: a JSON object or Python dict, with nested values typed.</li>
 *   <li>{@link ColumnType#AUTO}: {@link ValueInference} without a null token.</li>
 * </ul>
 * All but STRING ignore blanks around the value.
 */
public final class ValueParsers {

    private ValueParsers() {
    }

    /**
     * Parses a cell as the given type.
     *
     * @throws CellFormatException with a reason such as {@code 'abc' is not an integer}
     */
    public static Value parse(String cell, ColumnType type) throws CellFormatException {
        if (type == ColumnType.STRING) {
            return new Value.Str(cell);
        }
        int s = Cells.trimStart(cell, 0, cell.length());
        int e = Cells.trimEnd(cell, s, cell.length());
        if (type == ColumnType.AUTO) {
            return s == e ? new Value.Str(cell) : ValueInference.inferTrimmed(cell, s, e);
        }
        return parseTrimmed(cell, s, e, type);
    }

    /** Parses trimmed cell[s, e) as an explicit type other than STRING and AUTO. */
    static Value parseTrimmed(String cell, int s, int e, ColumnType type) throws CellFormatException {
        switch (type) {
            case INT: return parseInt(cell, s, e);
            case FLOAT: return parseFloat(cell, s, e);
            case BOOL: return parseBool(cell, s, e);
            case TIME: return parseTime(cell, s, e);
            case ARRAY: {
                Value.Array a = s < e ? LiteralParser.parseArray(cell, s, e) : null;
                if (a == null) {
                    throw new CellFormatException(Cells.quote(cell) + " is not a JSON array or a Python list");
                }
                return a;
            }
            case OBJECT: {
                Value.Obj o = s < e ? LiteralParser.parseObject(cell, s, e) : null;
                if (o == null) {
                    throw new CellFormatException(Cells.quote(cell) + " is not a JSON object or a Python dict");
                }
                return o;
            }
            case STRING: return new Value.Str(cell);
            case AUTO: return s == e ? new Value.Str(cell) : ValueInference.inferTrimmed(cell, s, e);
            default: throw new AssertionError(type);
        }
    }

    private static Value parseInt(String cell, int s, int e) throws CellFormatException {
        int i = s;
        if (i < e && (cell.charAt(i) == '-' || cell.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < e && Cells.isDigit(cell.charAt(i))) {
            i++;
        }
        int digitsEnd = i;
        if (digitsEnd == digitsStart) {
            throw new CellFormatException(Cells.quote(cell) + " is not an integer");
        }
        if (i < e) {
            if (cell.charAt(i) != '.') {
                throw new CellFormatException(Cells.quote(cell) + " is not an integer");
            }
            i++;
            while (i < e && cell.charAt(i) == '0') {
                i++;
            }
            if (i < e) {
                boolean digitsOnly = true;
                for (int k = i; k < e; k++) {
                    digitsOnly &= Cells.isDigit(cell.charAt(k));
                }
                throw new CellFormatException(Cells.quote(cell) + (digitsOnly
                        ? " is not an integer (it has a fraction; use the float type to keep it)"
                        : " is not an integer"));
            }
        }
        // strip leading zeros so that 0000000000000000000042 fits
        int firstNonZero = digitsStart;
        while (firstNonZero < digitsEnd - 1 && cell.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        Value.Int v;
        if (firstNonZero == digitsStart) {
            v = Cells.parseLong(cell, s, digitsEnd);
        } else {
            String digits = (cell.charAt(s) == '-' ? "-" : "") + cell.substring(firstNonZero, digitsEnd);
            v = Cells.parseLong(digits, 0, digits.length());
        }
        if (v == null) {
            throw new CellFormatException(Cells.quote(cell) + " is outside the 64-bit integer range");
        }
        return v;
    }

    private static Value parseFloat(String cell, int s, int e) throws CellFormatException {
        int i = s;
        if (i < e && (cell.charAt(i) == '-' || cell.charAt(i) == '+')) {
            i++;
        }
        int intStart = i;
        while (i < e && Cells.isDigit(cell.charAt(i))) {
            i++;
        }
        int intLen = i - intStart;
        int fracLen = 0;
        if (i < e && cell.charAt(i) == '.') {
            i++;
            int f = i;
            while (i < e && Cells.isDigit(cell.charAt(i))) {
                i++;
            }
            fracLen = i - f;
        }
        boolean ok = intLen + fracLen > 0;
        if (ok && i < e && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            i++;
            if (i < e && (cell.charAt(i) == '-' || cell.charAt(i) == '+')) {
                i++;
            }
            int x = i;
            while (i < e && Cells.isDigit(cell.charAt(i))) {
                i++;
            }
            ok = i > x && i - x <= 9;
        }
        if (!ok || i != e) {
            throw new CellFormatException(Cells.quote(cell) + " is not a number");
        }
        int from = cell.charAt(s) == '+' ? s + 1 : s;
        BigDecimal d = new BigDecimal(cell.substring(from, e));
        if (d.signum() != 0) {
            long exponent = (long) d.precision() - d.scale() - 1; // position of the leading digit
            if (exponent > 308 || exponent < -324) {
                throw new CellFormatException(Cells.quote(cell) + " is outside the range of a floating-point number");
            }
        }
        return new Value.Dec(d);
    }

    private static Value parseBool(String cell, int s, int e) throws CellFormatException {
        int n = e - s;
        if (n == 1) {
            char c = cell.charAt(s);
            if (c == '1') {
                return Value.Bool.TRUE;
            }
            if (c == '0') {
                return Value.Bool.FALSE;
            }
        } else if (Cells.regionIs(cell, s, e, "true") || Cells.regionIs(cell, s, e, "yes")) {
            return Value.Bool.TRUE;
        } else if (Cells.regionIs(cell, s, e, "false") || Cells.regionIs(cell, s, e, "no")) {
            return Value.Bool.FALSE;
        }
        throw new CellFormatException(Cells.quote(cell) + " is not a boolean (use true/false, 1/0 or yes/no)");
    }

    private static Value parseTime(String cell, int s, int e) throws CellFormatException {
        Instant t = TimeParser.parse(cell, s, e);
        if (t == null) {
            throw new CellFormatException(Cells.quote(cell)
                    + " is not a date or time (use ISO-8601 such as 2024-01-31T12:00:00Z, yyyy-MM-dd HH:mm:ss, yyyy-MM-dd or MM/dd/yyyy)");
        }
        return new Value.Time(t);
    }
}
