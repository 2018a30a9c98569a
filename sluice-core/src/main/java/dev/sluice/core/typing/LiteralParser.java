package dev.sluice.core.typing;

import dev.sluice.core.record.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small recursive-descent parser for list and dict literals in a cell, in one of two dialects:
 * <ul>
 *   <li>JSON (RFC 8259): double-quoted strings, {@code true/false/null}, JSON numbers;</li>
 *   <li>Python literals as {@code ast.literal_eval} reads them: single- or double-quoted strings
 *       (optional {@code u}/{@code r} prefix) with Python escapes, {@code True/False/None}, ints and
 *       floats with an optional sign, a trailing comma.</li>
 * </ul>
 * Failure is a null result, never an exception, so inference can try a cell cheaply. What this
 * parser does not understand (tuples, sets, string concatenation, triple quotes, {@code 1_000},
 * hex, {@code \N{...}}, nesting deeper than {@link #MAX_DEPTH}) fails, so the cell stays a string.
 * Dict keys must be strings.
 */
final class LiteralParser {

    static final int MAX_DEPTH = 64;

    private final String src;
    private final int end;
    private final boolean python;
    private int pos;
    private int depth;

    private LiteralParser(String src, int start, int end, boolean python) {
        this.src = src;
        this.pos = start;
        this.end = end;
        this.python = python;
    }

    /** Parses src[start, end) (already trimmed) as a JSON array, else a Python list; null if neither. */
    static Value.Array parseArray(String src, int start, int end) {
        if (end - start < 2 || src.charAt(start) != '[' || src.charAt(end - 1) != ']') {
            return null;
        }
        Value v = new LiteralParser(src, start, end, false).parseWhole();
        if (v == null) {
            v = new LiteralParser(src, start, end, true).parseWhole();
        }
        return (Value.Array) v;
    }

    /** Parses src[start, end) (already trimmed) as a JSON object, else a Python dict; null if neither. */
    static Value.Obj parseObject(String src, int start, int end) {
        if (end - start < 2 || src.charAt(start) != '{' || src.charAt(end - 1) != '}') {
            return null;
        }
        Value v = new LiteralParser(src, start, end, false).parseWhole();
        if (v == null) {
            v = new LiteralParser(src, start, end, true).parseWhole();
        }
        return (Value.Obj) v;
    }

    private Value parseWhole() {
        Value v = parseValue();
        if (v == null) {
            return null;
        }
        skipWs();
        return pos == end ? v : null;
    }

    private void skipWs() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (python && c == '\f')) {
                pos++;
            } else {
                return;
            }
        }
    }

    private Value parseValue() {
        skipWs();
        if (pos >= end) {
            return null;
        }
        char c = src.charAt(pos);
        switch (c) {
            case '[':
                return parseList();
            case '{':
                return parseDict();
            case '"':
                return str(parseString('"', false));
            case '\'':
                return python ? str(parseString('\'', false)) : null;
            default:
                break;
        }
        if (Cells.isDigit(c) || c == '-' || (python && (c == '+' || c == '.'))) {
            return parseNumber();
        }
        if (python) {
            if (word("True")) {
                return Value.Bool.TRUE;
            }
            if (word("False")) {
                return Value.Bool.FALSE;
            }
            if (word("None")) {
                return Value.Null.INSTANCE;
            }
            // u'..', r'..' string prefixes
            if ((c == 'u' || c == 'U' || c == 'r' || c == 'R') && pos + 1 < end) {
                char q = src.charAt(pos + 1);
                if (q == '\'' || q == '"') {
                    pos++;
                    return str(parseString(q, c == 'r' || c == 'R'));
                }
            }
            return null;
        }
        if (word("true")) {
            return Value.Bool.TRUE;
        }
        if (word("false")) {
            return Value.Bool.FALSE;
        }
        if (word("null")) {
            return Value.Null.INSTANCE;
        }
        return null;
    }

    private static Value str(String s) {
        return s == null ? null : new Value.Str(s);
    }

    /** Consumes a keyword if it is at pos and not followed by an identifier character. */
    private boolean word(String w) {
        int n = w.length();
        if (pos + n > end || !src.startsWith(w, pos)) {
            return false;
        }
        if (pos + n < end) {
            char next = src.charAt(pos + n);
            if (Character.isLetterOrDigit(next) || next == '_') {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private Value parseList() {
        if (++depth > MAX_DEPTH) {
            return null;
        }
        pos++; // [
        List<Value> items = new ArrayList<>();
        skipWs();
        if (pos < end && src.charAt(pos) == ']') {
            pos++;
            depth--;
            return new Value.Array(items);
        }
        while (true) {
            Value v = parseValue();
            if (v == null) {
                return null;
            }
            items.add(v);
            skipWs();
            if (pos >= end) {
                return null;
            }
            char c = src.charAt(pos++);
            if (c == ']') {
                break;
            }
            if (c != ',') {
                return null;
            }
            if (python) {
                skipWs();
                if (pos < end && src.charAt(pos) == ']') { // trailing comma
                    pos++;
                    break;
                }
            }
        }
        depth--;
        return new Value.Array(items);
    }

    private Value parseDict() {
        if (++depth > MAX_DEPTH) {
            return null;
        }
        pos++; // {
        Map<String, Value> fields = new LinkedHashMap<>();
        skipWs();
        if (pos < end && src.charAt(pos) == '}') {
            pos++;
            depth--;
            return new Value.Obj(fields);
        }
        while (true) {
            Value key = parseValue();
            if (!(key instanceof Value.Str k)) {
                return null;
            }
            skipWs();
            if (pos >= end || src.charAt(pos) != ':') {
                return null;
            }
            pos++;
            Value v = parseValue();
            if (v == null) {
                return null;
            }
            fields.put(k.value(), v);
            skipWs();
            if (pos >= end) {
                return null;
            }
            char c = src.charAt(pos++);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return null;
            }
            if (python) {
                skipWs();
                if (pos < end && src.charAt(pos) == '}') {
                    pos++;
                    break;
                }
            }
        }
        depth--;
        return new Value.Obj(fields);
    }

    /**
     * JSON: {@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}. Python: {@code [+-]?} then an int (no
     * leading zeros unless all zeros) or a float ({@code 1.}, {@code .5}, {@code 007.5}, exponents).
     * Integers → Int when within 64 bits, else Dec; the rest → Dec, exact.
     */
    private Value parseNumber() {
        int start = pos;
        char c = src.charAt(pos);
        if (c == '-' || c == '+') {
            pos++;
        }
        int intStart = pos;
        while (pos < end && Cells.isDigit(src.charAt(pos))) {
            pos++;
        }
        int intLen = pos - intStart;
        boolean integral = true;
        int fracLen = 0;
        if (pos < end && src.charAt(pos) == '.') {
            integral = false;
            pos++;
            int fracStart = pos;
            while (pos < end && Cells.isDigit(src.charAt(pos))) {
                pos++;
            }
            fracLen = pos - fracStart;
            if (!python && fracLen == 0) {
                return null;
            }
        }
        if (intLen == 0 && (!python || fracLen == 0)) {
            return null;
        }
        if (pos < end && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            int expStart = pos;
            while (pos < end && Cells.isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos == expStart || pos - expStart > 9) {
                return null;
            }
        }
        if (intLen > 1 && src.charAt(intStart) == '0') {
            if (!python) {
                return null; // JSON: no leading zeros
            }
            if (integral) {
                for (int i = intStart; i < intStart + intLen; i++) {
                    if (src.charAt(i) != '0') {
                        return null; // Python: 007 is a syntax error, 000 is 0
                    }
                }
            }
        }
        if (pos < end) {
            char next = src.charAt(pos);
            if (Character.isLetterOrDigit(next) || next == '_' || next == '.') {
                return null; // 1_000, 0x1F, 1j, 1.2.3
            }
        }
        if (integral) {
            Value.Int v = Cells.parseLong(src, start, pos);
            if (v != null) {
                return v;
            }
        }
        String text = src.substring(c == '+' ? start + 1 : start, pos);
        return new Value.Dec(new BigDecimal(text));
    }

    /**
     * Parses a string whose opening quote is at pos; returns its value or null when malformed.
     * JSON escapes in JSON mode, Python escapes (or none, for raw strings) in Python mode.
     */
    private String parseString(char quote, boolean raw) {
        int start = ++pos;
        // fast path: no escapes
        for (int i = start; i < end; i++) {
            char c = src.charAt(i);
            if (c == quote) {
                pos = i + 1;
                return src.substring(start, i);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        while (pos < end) {
            char c = src.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n' || c == '\r' || (!python && c < 0x20)) {
                return null; // raw newline: neither JSON nor a single-line Python string
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= end) {
                return null;
            }
            char e = src.charAt(pos++);
            if (raw) {
                // r'..': the backslash stays, and it keeps the next character from ending the string
                sb.append('\\').append(e);
                continue;
            }
            if (!python ? !jsonEscape(e, sb) : !pythonEscape(e, sb)) {
                return null;
            }
        }
        return null;
    }

    private boolean jsonEscape(char e, StringBuilder sb) {
        switch (e) {
            case '"': sb.append('"'); return true;
            case '\\': sb.append('\\'); return true;
            case '/': sb.append('/'); return true;
            case 'b': sb.append('\b'); return true;
            case 'f': sb.append('\f'); return true;
            case 'n': sb.append('\n'); return true;
            case 'r': sb.append('\r'); return true;
            case 't': sb.append('\t'); return true;
            case 'u': return hex(4, sb);
            default: return false;
        }
    }

    private boolean pythonEscape(char e, StringBuilder sb) {
        switch (e) {
            case '\n': return true; // line continuation
            case '\\': sb.append('\\'); return true;
            case '\'': sb.append('\''); return true;
            case '"': sb.append('"'); return true;
            case 'a': sb.append('\u0007'); return true;
            case 'b': sb.append('\b'); return true;
            case 'f': sb.append('\f'); return true;
            case 'n': sb.append('\n'); return true;
            case 'r': sb.append('\r'); return true;
            case 't': sb.append('\t'); return true;
            case 'v': sb.append('\u000b'); return true;
            case 'x': return hex(2, sb);
            case 'u': return hex(4, sb);
            case 'U': return hex(8, sb);
            case 'N': return false; // \N{name}: not supported
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && pos < end && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; k++) {
                        v = v * 8 + (src.charAt(pos++) - '0');
                    }
                    sb.append((char) v);
                    return true;
                }
                // Python keeps unknown escapes as they are
                sb.append('\\').append(e);
                return true;
        }
    }

    private boolean hex(int digits, StringBuilder sb) {
        if (pos + digits > end) {
            return false;
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(src.charAt(pos + i), 16);
            if (d < 0) {
                return false;
            }
            v = (v << 4) | d;
        }
        if (v < 0 || v > Character.MAX_CODE_POINT) {
            return false;
        }
        pos += digits;
        sb.appendCodePoint(v);
        return true;
    }
}
