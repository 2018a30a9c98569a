package dev.sluice.dynamodb.item;

import dev.sluice.core.typing.ColumnTypes;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DynamoDB type a column's cells are written as (dynamodb.md 5.3 rule 11).
 *
 * <ul>
 *   <li>{@link #S}: the cell as read, unstripped.</li>
 *   <li>{@link #N}: DynamoDB's number grammar, sent as written (DynamoDB normalises {@code 00012.3400}
 *       to 12.34); anything else rejects the row. No blanks allowed, as in DynamoDB.</li>
 *   <li>{@link #BOOL}: true/false, 1/0, yes/no, any case, blanks around ignored.</li>
 *   <li>{@link #NULL}: a non-empty cell becomes {@code {"NULL": true}}.</li>
 *   <li>{@link #B}: base64 (standard or URL-safe alphabet, padding optional), blanks around
 *       ignored.</li>
 *   <li>{@link #JSON}: a JSON object or array → M or L, recursively: numbers → N, strings → S,
 *       booleans → BOOL, null → NULL, never sets.</li>
 *   <li>{@link #SS}, {@link #NS}, {@link #BS}: split on the set delimiter, members trimmed, empty
 *       members dropped, duplicates dropped (NS by numeric value, so {@code 1} and {@code 1.0} are
 *       one member); a cell with no member is an empty cell: never an empty set.</li>
 * </ul>
 */
public enum DynamoType {
    S, N, BOOL, NULL, B, JSON, SS, NS, BS;

    private static final String CHOICES = "S, N, BOOL, NULL, B, JSON, SS, NS, BS (or string, number, boolean, binary)";

    /**
     * Parses a type name in any case, blanks around ignored: the DynamoDB names above, or
     * {@code string}, {@code number}, {@code bool}/{@code boolean}, {@code binary}.
     *
     * @throws IllegalArgumentException naming the bad value and listing the choices
     */
    public static DynamoType parse(String s) {
        String t = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "S": case "STRING": return S;
            case "N": case "NUMBER": return N;
            case "BOOL": case "BOOLEAN": return BOOL;
            case "NULL": return NULL;
            case "B": case "BINARY": return B;
            case "JSON": return JSON;
            case "SS": return SS;
            case "NS": return NS;
            case "BS": return BS;
            default:
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("the DynamoDB type is empty; choose one of " + CHOICES);
                }
                throw new IllegalArgumentException("unknown DynamoDB type '" + s.trim() + "'; choose one of " + CHOICES);
        }
    }

    /**
     * Parses {@code column=type} entries as users write them on the command line; an entry may hold
     * several comma-separated settings ({@code age=N,tags=SS}), so a column whose name contains a
     * comma or an {@code =} cannot be typed here. Blanks around names and types are ignored and blank
     * entries skipped.
     *
     * @return column → type, in the order given
     * @throws IllegalArgumentException naming the bad entry: no {@code =}, an empty column, an unknown
     *                                  type, or a column typed twice
     */
    public static Map<String, DynamoType> parseColumnTypes(List<String> specs) {
        return ColumnTypes.parse(specs, DynamoType::parse, DynamoType::toString, "age=N");
    }

    /** Whether this is a set type (SS, NS, BS). */
    public boolean isSet() {
        return this == SS || this == NS || this == BS;
    }
}
