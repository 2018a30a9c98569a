package dev.sluice.controlshift.catalog;

import dev.sluice.postgres.load.ColumnDef;
import dev.sluice.postgres.load.TableDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables ControlShift exports and their columns, read from the bundled snapshot of ControlShift's
 * published schema ({@code tables-2024-10-16.sql}, see the README beside it) and mapped to PostgreSQL.
 *
 * <p>Every table is keyed on {@code id} (all 63 have one; none declares a primary key) and every column is
 * nullable: ControlShift's DDL declares no constraints, and a stricter target would refuse rows the
 * exporter considers valid.
 */
public final class ControlShiftCatalog {
    public static final String SNAPSHOT = "tables-2024-10-16.sql";

    private static final Pattern CREATE = Pattern.compile("^CREATE TABLE (\\w+) \\((.*)\\);$");
    /** One {@code "name" type} item; a type may itself hold a comma, as in {@code numeric(13,10)}. */
    private static final Pattern COLUMN = Pattern.compile("\"([^\"]+)\" ([^\"]+?)(?:, (?=\")|$)");

    private final Map<String, List<ColumnDef>> tables;

    private ControlShiftCatalog(Map<String, List<ColumnDef>> tables) {
        this.tables = Collections.unmodifiableMap(tables);
    }

    /** The bundled snapshot. */
    public static ControlShiftCatalog bundled() {
        try (InputStream in = ControlShiftCatalog.class.getResourceAsStream(SNAPSHOT)) {
            if (in == null) {
                throw new IllegalStateException("the ControlShift schema snapshot " + SNAPSHOT + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SNAPSHOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads ControlShift's {@code tables.sql} format: one {@code CREATE TABLE name ("col" type, ...);} per line. */
    public static ControlShiftCatalog parse(String ddl, String sourceName) {
        Map<String, List<ColumnDef>> tables = new LinkedHashMap<>();
        String[] lines = ddl.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher create = CREATE.matcher(lines[i].strip());
            if (!create.matches()) {
                continue;
            }
            List<ColumnDef> columns = new ArrayList<>();
            Matcher column = COLUMN.matcher(create.group(2));
            while (column.find()) {
                columns.add(new ColumnDef(column.group(1), PostgresTypes.of(column.group(2)), true));
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException(sourceName + " line " + (i + 1) + ": no columns in table " + create.group(1));
            }
            tables.put(create.group(1), List.copyOf(columns));
        }
        return new ControlShiftCatalog(tables);
    }

    public List<String> tableNames() {
        return List.copyOf(tables.keySet());
    }

    /** The columns of a ControlShift table, in the DDL's order, or empty when the snapshot does not know it. */
    public Optional<List<ColumnDef>> columns(String controlShiftTable) {
        return Optional.ofNullable(tables.get(controlShiftTable.toLowerCase(Locale.ROOT)));
    }

    /**
     * The target table for a ControlShift table. A table newer than the snapshot is described from the
     * file's header instead, every column {@code text}, so a new export still lands (and its types can be
     * tightened later); the key is {@code id} when the header has one.
     */
    public TableDef tableDef(String controlShiftTable, String targetSchema, String targetName, List<String> header) {
        List<ColumnDef> columns = columns(controlShiftTable).orElseGet(() -> header.stream()
                .map(name -> new ColumnDef(name, "text", true)).toList());
        boolean hasId = columns.stream().anyMatch(c -> c.name().equals("id"));
        return new TableDef(targetSchema, targetName, columns, hasId ? List.of("id") : List.of());
    }
}
