package dev.sluice.core.csv;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One case of a spec file under {@code src/test/resources/csv/spec}; the format is in its README. */
record SpecCase(String title, CsvOptions options, byte[] input, List<String> header, List<ExpectedRow> rows,
                String headerError, String fatal) {

    record ExpectedRow(long line, long start, long end, List<String> fields, String error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("(\\d+) @(\\d+)\\.\\.(\\d+) (\\[.*])");

    @Override
    public String toString() {
        return title;
    }

    static List<SpecCase> parse(Path file) {
        List<SpecCase> cases = new ArrayList<>();
        Builder current = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1).stripLeading();
                if (key.equals("case")) {
                    if (current != null) {
                        cases.add(current.build());
                    }
                    current = new Builder(file.getFileName() + ": " + value);
                } else {
                    current.set(key, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (current != null) {
            cases.add(current.build());
        }
        return cases;
    }

    private static final class Builder {
        private final String title;
        private CsvOptions options = CsvOptions.DEFAULT;
        private byte[] input;
        private List<String> header;
        private boolean empty;
        private final List<ExpectedRow> rows = new ArrayList<>();
        private String headerError;
        private String fatal;

        Builder(String title) {
            this.title = title;
        }

        void set(String key, String value) throws IOException {
            switch (key) {
                case "options" -> options = options(value);
                case "input" -> input = unescape(value);
                case "header" -> {
                    empty = value.equals("none");
                    header = empty ? null : strings(value);
                }
                case "row" -> rows.add(row(value));
                case "error" -> {
                    ExpectedRow last = rows.remove(rows.size() - 1);
                    rows.add(new ExpectedRow(last.line(), last.start(), last.end(), last.fields(), value));
                }
                case "header error" -> headerError = value;
                case "fatal" -> fatal = value;
                default -> throw new IllegalArgumentException(title + ": unknown key " + key);
            }
        }

        SpecCase build() {
            if (input == null || (header == null && !empty && headerError == null && fatal == null)) {
                throw new IllegalArgumentException(title + ": needs an input and a header, header error or fatal line");
            }
            return new SpecCase(title, options, input, header, List.copyOf(rows), headerError, fatal);
        }

        private static CsvOptions options(String value) {
            CsvOptions options = CsvOptions.DEFAULT;
            for (String setting : value.split(" ")) {
                String[] kv = setting.split("=", 2);
                String v = new String(unescape(kv[1]), StandardCharsets.UTF_8);
                options = switch (kv[0]) {
                    case "delimiter" -> options.withDelimiter(v.charAt(0));
                    case "quote" -> options.withQuote(v.charAt(0));
                    case "maxRecordBytes" -> options.withMaxRecordBytes(Integer.parseInt(v));
                    default -> throw new IllegalArgumentException("unknown option " + kv[0]);
                };
            }
            return options;
        }

        private ExpectedRow row(String value) throws IOException {
            Matcher m = ROW.matcher(value);
            if (!m.matches()) {
                throw new IllegalArgumentException(title + ": bad row line " + value);
            }
            return new ExpectedRow(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    strings(m.group(4)), null);
        }

        private static List<String> strings(String json) throws IOException {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        }
    }

    /** {@code \n \r \t \\ \xHH}; everything else is taken as UTF-8. */
    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int escape = text.indexOf('\\', i);
            int plainEnd = escape < 0 ? text.length() : escape;
            out.writeBytes(text.substring(i, plainEnd).getBytes(StandardCharsets.UTF_8));
            if (escape < 0) {
                break;
            }
            char c = text.charAt(escape + 1);
            switch (c) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> out.write(Integer.parseInt(text.substring(escape + 2, escape + 4), 16));
                default -> throw new IllegalArgumentException("unknown escape \\" + c + " in " + text);
            }
            i = escape + (c == 'x' ? 4 : 2);
        }
        return out.toByteArray();
    }
}
