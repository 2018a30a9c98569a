package dev.sluice.postgres.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a file's header maps onto a table, by name (never by position: ControlShift's header order
 * differs from its DDL for several tables): the COPY column list, the check for each header column,
 * the columns the drift policy adds, and the table columns the file lacks.
 *
 * @param copyColumns  the header's names, in header order: the COPY column list
 * @param checks       one per header column, from the column's type
 * @param added        header columns missing from the table, with the type to add them as
 * @param missing      table columns the header lacks (NULL, or their default, in new rows)
 */
record ColumnPlan(List<String> copyColumns, List<CellCheck> checks, Map<String, String> added, List<String> missing) {

    static ColumnPlan of(String fileName, List<String> header, List<TargetColumn> table, TableDef catalog,
            DriftPolicy drift, boolean insertsRows) throws LoadRefusedException {
        Map<String, TargetColumn> byName = new LinkedHashMap<>();
        table.forEach(c -> byName.put(c.name(), c));
        Map<String, String> added = new LinkedHashMap<>();
        List<CellCheck> checks = new ArrayList<>();
        for (String name : header) {
            TargetColumn column = byName.get(name);
            String type = column != null ? column.sqlType() : catalogType(catalog, name);
            if (column == null) {
                added.put(name, type);
            }
            checks.add(CellCheck.forType(type));
        }
        if (!added.isEmpty() && drift == DriftPolicy.FAIL) {
            throw new LoadRefusedException(fileName + ": the header has columns that " + TableRef.of(catalog)
                    + " does not: " + String.join(", ", added.keySet())
                    + " (drift policy FAIL; add them to the table, or load with ADD_COLUMN)");
        }
        List<String> missing = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (TargetColumn column : table) {
            if (!header.contains(column.name())) {
                missing.add(column.name());
                if (!column.nullable() && !column.hasDefault()) {
                    required.add(column.name());
                }
            }
        }
        if (insertsRows && !required.isEmpty()) {
            throw new LoadRefusedException(fileName + ": the header lacks " + String.join(", ", required) + ", which "
                    + TableRef.of(catalog) + " declares NOT NULL without a default");
        }
        return new ColumnPlan(List.copyOf(header), List.copyOf(checks), added, List.copyOf(missing));
    }

    /** The catalog's type for a column the table lacks; text when the catalog does not know it either. */
    private static String catalogType(TableDef catalog, String name) {
        return catalog.columns().stream().filter(c -> c.name().equals(name)).map(ColumnDef::sqlType).findFirst()
                .orElse("text");
    }
}
