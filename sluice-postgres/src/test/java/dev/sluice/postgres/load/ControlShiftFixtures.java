package dev.sluice.postgres.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ControlShift's published schema and header files (copied under /work/shared/controlshift) as test
 * data. This is a test fixture, not the catalog (which sluice-controlshift builds): it reads just
 * enough of the pg_dump and Redshift DDL to get column names and PostgreSQL types, all nullable.
 */
final class ControlShiftFixtures {
    static final Path ROOT = Path.of(System.getProperty("controlshift.data", "/work/shared/controlshift"));

    private ControlShiftFixtures() {
    }

    static List<String> header(String release, String table) {
        return List.of(read(ROOT.resolve(release).resolve(table + "_headers.csv")).strip().split(","));
    }

    /** The table from a release's {@code <table>_schema.sql}, or from 2024's tables.sql. */
    static TableDef table(String release, String table) {
        Path file = release.equals("slate-2024-10-16") ? ROOT.resolve(release).resolve("tables.sql")
                : ROOT.resolve(release).resolve(table + "_schema.sql");
        Matcher m = Pattern.compile("CREATE TABLE " + table + " \\(", Pattern.CASE_INSENSITIVE).matcher(read(file));
        String text = read(file);
        if (!m.find()) {
            throw new IllegalArgumentException("no table " + table + " in " + file);
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (String def : splitTopLevel(text.substring(m.end(), closing(text, m.end())))) {
            String d = def.strip();
            if (d.isEmpty() || d.toUpperCase(Locale.ROOT).startsWith("CONSTRAINT")) {
                continue;
            }
            String name;
            String rest;
            if (d.startsWith("\"")) {
                int end = d.indexOf('"', 1);
                name = d.substring(1, end);
                rest = d.substring(end + 1).strip();
            } else {
                int space = d.indexOf(' ');
                name = d.substring(0, space);
                rest = d.substring(space + 1).strip();
            }
            // a mirror never declares NOT NULL (the 2024 schema has none): ControlShift's headers and DDL
            // drift, and an export must not be refused for a constraint the mirror does not need
            columns.add(new ColumnDef(name, postgresType(rest), true));
        }
        return new TableDef("public", table, columns, List.of("id"));
    }

    private static String postgresType(String rest) {
        String type = rest.replaceAll("(?i)\\s+(NOT NULL|DEFAULT|PRIMARY KEY).*$", "").strip();
        type = type.replaceAll("(?i)\\(max\\)", "");
        return type.equalsIgnoreCase("SERIAL") ? "integer" : type.toLowerCase(Locale.ROOT);
    }

    private static int closing(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced DDL");
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
