package dev.sluice.core.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of nasty but valid CSV: empty fields, quotes, delimiters and every kind of line
 * break inside fields, unicode, needless quoting, LF, CRLF and lone-CR line ends, and a last line
 * that may lack its line end. The fields it wrote are the truth to compare a reader with.
 */
final class CsvGenerator {
    private static final String[] WORD_CHARACTERS = {"a", "b", "Z", "0", "9", " ", "_", "-", ".", ":", ";", "/", "'"};
    private static final String[] UNICODE = {"ä", "ö", "ü", "ß", "é", "ñ", "€", "東京", "😀", "\u00A0", "Ω"};
    private static final String[] NASTY = {",", "\"", "\"\"", "\n", "\r\n", "\r", "ä", "😀", "x", " "};
    private static final String[] LINE_ENDS = {"\n", "\n", "\n", "\n", "\n", "\n", "\r\n", "\r\n", "\r\n", "\r"};

    /** A whole generated file and the rows in it, the header first. */
    record Generated(byte[] bytes, List<List<String>> rows) {
    }

    private final Random random;

    CsvGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A header c1..cN then {@code rowCount} rows of 1 to {@code maxFields} fields. */
    static Generated generate(long seed, int columns, int rowCount, int maxFields) {
        CsvGenerator generator = new CsvGenerator(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<List<String>> rows = new ArrayList<>();
        rows.add(header(columns));
        out.writeBytes(generator.line(rows.get(0), rowCount == 0));
        for (int i = 0; i < rowCount; i++) {
            List<String> row = generator.randomRow(maxFields);
            rows.add(row);
            out.writeBytes(generator.line(row, i == rowCount - 1));
        }
        return new Generated(out.toByteArray(), rows);
    }

    static List<String> header(int columns) {
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            header.add("c" + i);
        }
        return header;
    }

    List<String> randomRow(int maxFields) {
        int count = 1 + random.nextInt(maxFields);
        List<String> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fields.add(randomField());
        }
        return fields;
    }

    /** The CSV line for {@code fields}; the last line of a file may lack its line end. */
    byte[] line(List<String> fields, boolean last) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            // a lone empty field would be a blank line, which readers skip
            boolean forceQuotes = fields.size() == 1 && fields.get(0).isEmpty();
            line.append(encode(fields.get(i), forceQuotes));
        }
        if (!last || random.nextBoolean()) {
            line.append(LINE_ENDS[random.nextInt(LINE_ENDS.length)]);
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String randomField() {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return "";
        }
        if (kind < 10) {
            return compose(WORD_CHARACTERS, 1 + random.nextInt(12));
        }
        if (kind < 13) {
            return compose(UNICODE, 1 + random.nextInt(4));
        }
        if (kind < 18) {
            return compose(NASTY, 1 + random.nextInt(6));
        }
        return "ab\"c"; // a quote inside an unquoted field is a literal
    }

    private String compose(String[] pieces, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private String encode(String field, boolean forceQuotes) {
        boolean mustQuote = field.startsWith("\"") || field.contains(",") || field.contains("\n") || field.contains("\r");
        if (mustQuote || forceQuotes || random.nextInt(8) == 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
