package dev.sluice.core.typing;

import dev.sluice.core.record.Value;

/**
 * Per-cell type inference ({@link ColumnType#AUTO}). Its one rule is never to change what a cell
 * says: whatever it cannot read unambiguously stays the original string. Reusable by any destination.
 *
 * <p>On the cell with surrounding blanks (≤ U+0020) trimmed:
 * <ul>
 *   <li>the null token (any case) → {@link Value.Null};</li>
 *   <li>{@code -?(0|[1-9][0-9]*)} within the signed 64-bit range → {@link Value.Int}. Leading zeros
 *       ({@code 0042}, {@code 00}, {@code -05}), a leading {@code +}, more than 64 bits, grouping
 *       ({@code 1,000}), exponents ({@code 1e5}) and {@code nan}/{@code Infinity} stay strings;</li>
 *   <li>{@code -?(0|[1-9][0-9]*)?\.[0-9]+} → {@link Value.Dec}, exact ({@code .5} and {@code -.5}
 *       accepted; {@code 5.} and {@code 007.5} stay strings);</li>
 *   <li>{@code true}/{@code false} in any case → {@link Value.Bool} ({@code yes}, {@code 1} are not);</li>
 *   <li>{@code [...]} that parses completely as a JSON array, or else as a Python list literal →
 *       {@link Value.Array} (see {@link #parseList});</li>
 *   <li>anything else, including {@code {...}} objects and dates, → the original, unstripped
 *       string.</li>
 * </ul>
 * Fast path: one look at the first character decides which (if any) grammar to try; no regular
 * expressions, no exceptions.
 */
public final class ValueInference {

    private ValueInference() {
    }

    /**
     * Infers the value of one cell.
     *
     * @param cell      the cell as read (not null); a blank cell is returned as a string (empty cells
     *                  are the caller's business, see {@link EmptyCells})
     * @param nullToken the null token, or null for none
     */
    public static Value infer(String cell, String nullToken) {
        int end = cell.length();
        int s = Cells.trimStart(cell, 0, end);
        if (s == end) {
            return new Value.Str(cell);
        }
        int e = Cells.trimEnd(cell, s, end);
        if (nullToken != null && Cells.regionIs(cell, s, e, nullToken)) {
            return Value.Null.INSTANCE;
        }
        return inferTrimmed(cell, s, e);
    }

    /** Inference on the non-empty trimmed range [s, e) of cell, the null token already handled. */
    static Value inferTrimmed(String cell, int s, int e) {
        char c = cell.charAt(s);
        if (Cells.isDigit(c) || c == '-' || c == '.') {
            Value v = Cells.inferNumber(cell, s, e);
            return v != null ? v : new Value.Str(cell);
        }
        switch (c) {
            case 't': case 'T':
                if (Cells.regionIs(cell, s, e, "true")) {
                    return Value.Bool.TRUE;
                }
                break;
            case 'f': case 'F':
                if (Cells.regionIs(cell, s, e, "false")) {
                    return Value.Bool.FALSE;
                }
                break;
            case '[':
                if (e - s >= 2 && cell.charAt(e - 1) == ']') {
                    Value.Array a = LiteralParser.parseArray(cell, s, e);
                    if (a != null) {
                        return a;
                    }
                }
                break;
            default:
                break;
        }
        return new Value.Str(cell);
    }

    /**
     * Parses a whole cell as a JSON array, or failing that as a Python list literal (single- or
     * double-quoted strings with backslash escapes, {@code True/False/None}, numbers, nested lists
     * and dicts, a trailing comma). Quoted elements stay strings; unquoted numbers become Int (64-bit)
     * or Dec (exact). Returns null when the cell is neither.
     */
    public static Value.Array parseList(String cell) {
        int s = Cells.trimStart(cell, 0, cell.length());
        int e = Cells.trimEnd(cell, s, cell.length());
        return LiteralParser.parseArray(cell, s, e);
    }
}
