package dev.sluice.postgres.load;

import java.util.List;
import java.util.stream.Collectors;

/** Identifier and literal quoting: every name Sluice writes into SQL is quoted, so reserved words work. */
public final class Sql {
    private Sql() {
    }

    /** {@code "name"}, with embedded double quotes doubled. */
    public static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "a", "b", "c"}. */
    public static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    /** {@code prefix."a", prefix."b"}. */
    public static String idents(String prefix, List<String> names) {
        return names.stream().map(n -> prefix + "." + ident(n)).collect(Collectors.joining(", "));
    }

    /** {@code 'text'}, with embedded single quotes doubled (standard_conforming_strings). */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a literal cannot contain a NUL character");
        }
        return '\'' + text.replace("'", "''") + '\'';
    }
}
