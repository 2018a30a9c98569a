package dev.sluice.dynamodb.item;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a key attribute from several columns (dynamodb.md 5.3 rule 10): {@code pk=CUST#{customer_id}},
 * {@code sk={order_date}#{order_id}}. Each {@code {column}} placeholder is replaced by that column's
 * cell exactly as read (not trimmed); the column name between the braces must match a header name
 * exactly, blanks included. <code>{{</code> and <code>}}</code> write literal braces. The rendered text is then
 * typed as the key attribute's scalar type (S as is, N must be a DynamoDB number, B is base64).
 * A template without placeholders ({@code sk=PROFILE}) gives every row the same value.
 *
 * @param attribute the key attribute the template builds
 * @param template  the template text
 */
public record KeyTemplate(String attribute, String template) {

    /** A piece of a template: literal text, or a column whose cell is inserted. */
    record Segment(String text, boolean column) { }

    /**
     * @throws IllegalArgumentException for an empty attribute or template, an unclosed or unmatched
     *                                  brace, or an empty placeholder
     */
    public KeyTemplate {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(template, "template");
        if (attribute.isEmpty()) {
            throw new IllegalArgumentException("bad key template '" + template + "': the key attribute name is empty");
        }
        segments(attribute, template); // validates
    }

    /**
     * Parses {@code attribute=template}, splitting on the first {@code =}; blanks around the
     * attribute name and around the template are ignored.
     *
     * @throws IllegalArgumentException naming the spec: no {@code =}, an empty attribute or template,
     *                                  an unclosed or unmatched brace, an empty placeholder
     */
    public static KeyTemplate parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty key template; expected attribute=template, e.g. pk=CUST#{customer_id}");
        }
        int eq = s.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("bad key template '" + s + "': expected attribute=template,"
                    + " e.g. pk=CUST#{customer_id}");
        }
        String attribute = s.substring(0, eq).trim();
        String template = s.substring(eq + 1).trim();
        if (attribute.isEmpty()) {
            throw new IllegalArgumentException("bad key template '" + s + "': the key attribute name before '=' is empty");
        }
        if (template.isEmpty()) {
            throw new IllegalArgumentException("bad key template '" + s + "': the template after '=' is empty");
        }
        return new KeyTemplate(attribute, template);
    }

    /** The columns the template names, in order of first use, each once. */
    public List<String> columns() {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        for (Segment s : segments(attribute, template)) {
            if (s.column()) {
                columns.add(s.text());
            }
        }
        return List.copyOf(columns);
    }

    /**
     * Renders the template with cell texts from {@code cells} (a column name → its cell, e.g.
     * {@code map::get}).
     *
     * @throws IllegalArgumentException naming the column when a placeholder's cell is null, empty or
     *                                  blank
     */
    public String render(Function<String, String> cells) {
        StringBuilder b = new StringBuilder(template.length() + 32);
        for (Segment s : segments(attribute, template)) {
            if (!s.column()) {
                b.append(s.text());
                continue;
            }
            String cell = cells.apply(s.text());
            if (cell == null || Texts.isBlank(cell)) {
                throw new IllegalArgumentException("key template for '" + attribute + "' needs column '" + s.text()
                        + "', which is empty");
            }
            b.append(cell);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return attribute + "=" + template;
    }

    /** The template split into literal and column segments (adjacent literals merged). */
    List<Segment> segments() {
        return segments(attribute, template);
    }

    private static List<Segment> segments(String attribute, String template) {
        if (template.isEmpty()) {
            throw new IllegalArgumentException("bad key template for '" + attribute + "': the template is empty");
        }
        List<Segment> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int n = template.length();
        int i = 0;
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < n && template.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                    continue;
                }
                int close = -1;
                for (int j = i + 1; j < n; j++) {
                    char d = template.charAt(j);
                    if (d == '}') {
                        close = j;
                        break;
                    }
                    if (d == '{') {
                        throw bad(attribute, template, "'{' at position " + (j + 1) + " inside the placeholder that starts"
                                + " at position " + (i + 1));
                    }
                }
                if (close < 0) {
                    throw bad(attribute, template, "the '{' at position " + (i + 1) + " is never closed");
                }
                if (close == i + 1) {
                    throw bad(attribute, template, "empty placeholder '{}' at position " + (i + 1)
                            + "; write {column} (or {{ for a literal brace)");
                }
                if (literal.length() > 0) {
                    out.add(new Segment(literal.toString(), false));
                    literal.setLength(0);
                }
                out.add(new Segment(template.substring(i + 1, close), true));
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < n && template.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                    continue;
                }
                throw bad(attribute, template, "the '}' at position " + (i + 1) + " has no matching '{'"
                        + " (write }} for a literal brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            out.add(new Segment(literal.toString(), false));
        }
        return out;
    }

    private static IllegalArgumentException bad(String attribute, String template, String why) {
        return new IllegalArgumentException("bad key template '" + attribute + "=" + template + "': " + why);
    }
}
