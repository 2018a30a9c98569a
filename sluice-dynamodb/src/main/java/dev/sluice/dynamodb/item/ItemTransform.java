package dev.sluice.dynamodb.item;

import dev.sluice.core.engine.Transform;
import dev.sluice.core.engine.TransformResult;
import dev.sluice.core.record.Header;
import dev.sluice.core.record.HeaderException;
import dev.sluice.core.record.Record;
import dev.sluice.core.record.Value;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Turns a record of string cells into a {@link DynamoItem}; built and documented by
 * {@link DynamoItems#prepare}. Immutable and stateless, so one instance serves any number of threads.
 */
final class ItemTransform implements Transform<DynamoItem> {

    static final int MAX_ITEM_BYTES = 409_600;
    static final int MAX_PARTITION_KEY_BYTES = 2_048;
    static final int MAX_SORT_KEY_BYTES = 1_024;
    static final int MAX_ATTRIBUTE_NAME_BYTES = 65_535;

    private static final byte KEY = 0;
    private static final byte STRING = 1;
    private static final byte INFER = 2;
    private static final byte NUMBER = 3;
    private static final byte BOOL = 4;
    private static final byte NULL = 5;
    private static final byte BINARY = 6;
    private static final byte JSON = 7;
    private static final byte STRING_SET = 8;
    private static final byte NUMBER_SET = 9;
    private static final byte BINARY_SET = 10;

    private static final AttributeValue EMPTY_S = AttributeValue.fromS("");
    /** Returned by set parsing for a cell without members; never sent. */
    private static final AttributeValue NO_MEMBERS = AttributeValue.fromSs(List.of("\u0000no members"));

    /** Per-row scratch: the size so far, and why the row is refused (column null = the whole row). */
    static final class Row {
        int size;
        String reason;
        String column;
        String keyText;
    }

    /** One key attribute and where its value comes from: a column, or a template. */
    private static final class KeyPart {
        final String attribute;
        final int nameBytes;
        final ScalarAttributeType type;
        final String role;
        final int maxBytes;
        final int column;
        /** Template pieces: literal text where templateColumns[i] < 0, else ignored. */
        final String[] literals;
        final int[] templateColumns;

        KeyPart(String attribute, ScalarAttributeType type, boolean partition, int column, String[] literals,
                int[] templateColumns) {
            this.attribute = attribute;
            this.nameBytes = Texts.utf8Length(attribute);
            this.type = type;
            this.role = partition ? "partition key" : "sort key";
            this.maxBytes = partition ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
            this.column = column;
            this.literals = literals;
            this.templateColumns = templateColumns;
        }
    }

    private final Header header;
    private final String[] names;
    private final int[] nameBytes;
    private final byte[] kinds;
    private final KeyPart partition;
    private final KeyPart sort;
    private final EmptyPolicy empty;
    private final char delimiter;
    private final int mapCapacity;

    private ItemTransform(Header header, String[] names, byte[] kinds, KeyPart partition, KeyPart sort,
                          DynamoItemOptions options) {
        this.header = header;
        this.names = names;
        this.nameBytes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            nameBytes[i] = Texts.utf8Length(names[i]);
        }
        this.kinds = kinds;
        this.partition = partition;
        this.sort = sort;
        this.empty = options.empty();
        this.delimiter = options.setDelimiter();
        this.mapCapacity = (names.length + 2) * 4 / 3 + 1;
    }

    /** Validates the header against the key schema and options; see {@link DynamoItems#prepare}. */
    static ItemTransform create(Header header, KeySchema key, DynamoItemOptions options) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        if (key.partition() == null) {
            throw new IllegalArgumentException("the key schema has no partition key");
        }
        String columns = " (columns: " + header + ")";
        for (String column : options.types().keySet()) {
            if (!header.contains(column)) {
                throw new HeaderException("--type names column '" + column + "', which the header does not have" + columns);
            }
        }
        for (KeyTemplate t : options.keyTemplates().values()) {
            if (!isKey(key, t.attribute())) {
                throw new HeaderException("key template " + t + " builds '" + t.attribute() + "', which is not a key"
                        + " attribute of the table (its key: " + describe(key) + ")");
            }
            for (String column : t.columns()) {
                if (!header.contains(column)) {
                    throw new HeaderException("key template " + t + " uses column '" + column
                            + "', which the header does not have" + columns);
                }
            }
        }
        int n = header.size();
        String[] names = header.names().toArray(new String[0]);
        for (int i = 0; i < n; i++) {
            if (Texts.utf8Length(names[i]) > MAX_ATTRIBUTE_NAME_BYTES) {
                throw new HeaderException("column " + (i + 1) + ": its name is longer than DynamoDB's limit for"
                        + " attribute names, 64 KB");
            }
        }
        byte[] kinds = new byte[n];
        for (int i = 0; i < n; i++) {
            DynamoType t = options.types().get(names[i]);
            kinds[i] = t == null ? (options.infer() ? INFER : STRING) : kind(t);
        }
        KeyPart partition = keyPart(header, key.partition(), true, options, kinds);
        KeyPart sort = key.sort() == null ? null : keyPart(header, key.sort(), false, options, kinds);
        if (partition.column < 0 && usesNoColumn(partition) && (sort == null || sort.column < 0 && usesNoColumn(sort))) {
            throw new HeaderException("the key templates use no column, so every row would write the same item: "
                    + options.keyTemplates().values());
        }
        return new ItemTransform(header, names, kinds, partition, sort, options);
    }

    private static boolean usesNoColumn(KeyPart part) {
        for (int c : part.templateColumns) {
            if (c >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKey(KeySchema key, String attribute) {
        return key.partition().name().equals(attribute) || key.sort() != null && key.sort().name().equals(attribute);
    }

    private static String describe(KeySchema key) {
        String s = "partition key '" + key.partition().name() + "' (" + key.partition().type() + ")";
        if (key.sort() != null) {
            s += ", sort key '" + key.sort().name() + "' (" + key.sort().type() + ")";
        }
        return s;
    }

    private static KeyPart keyPart(Header header, KeySchema.KeyAttribute attribute, boolean isPartition,
                                   DynamoItemOptions options, byte[] kinds) {
        String name = attribute.name();
        String role = isPartition ? "partition key" : "sort key";
        ScalarAttributeType type = attribute.type();
        if (type != ScalarAttributeType.S && type != ScalarAttributeType.N && type != ScalarAttributeType.B) {
            throw new IllegalArgumentException("the table's " + role + " '" + name + "' has type " + type
                    + "; key attributes are S, N or B");
        }
        KeyTemplate template = options.keyTemplates().get(name);
        int column = header.indexOf(name);
        if (template != null && column >= 0) {
            throw new HeaderException("the table's " + role + " '" + name + "' would come both from column '" + name
                    + "' and from key template " + template + "; drop the template or rename the column");
        }
        if (template == null && column < 0) {
            throw new HeaderException("the header has no column '" + name + "' for the table's " + role + " '" + name
                    + "' (" + type + "), and no key template builds it (columns: " + header + ")");
        }
        if (column >= 0) {
            DynamoType typed = options.types().get(name);
            if (typed != null && !typed.name().equals(type.toString())) {
                throw new HeaderException("--type " + name + "=" + typed + " conflicts with the table: '" + name
                        + "' is its " + role + ", of type " + type);
            }
            kinds[column] = KEY;
            return new KeyPart(name, type, isPartition, column, new String[0], new int[0]);
        }
        List<KeyTemplate.Segment> segments = template.segments();
        String[] literals = new String[segments.size()];
        int[] columns = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            KeyTemplate.Segment s = segments.get(i);
            literals[i] = s.column() ? null : s.text();
            columns[i] = s.column() ? header.indexOf(s.text()) : -1;
        }
        return new KeyPart(name, type, isPartition, -1, literals, columns);
    }

    private static byte kind(DynamoType t) {
        switch (t) {
            case S: return STRING;
            case N: return NUMBER;
            case BOOL: return BOOL;
            case NULL: return NULL;
            case B: return BINARY;
            case JSON: return JSON;
            case SS: return STRING_SET;
            case NS: return NUMBER_SET;
            case BS: return BINARY_SET;
            default: throw new AssertionError(t);
        }
    }

    Header header() {
        return header;
    }

    @Override
    public TransformResult<DynamoItem> apply(Record record) {
        if (record.header() != header && !record.header().equals(header)) {
            throw new IllegalArgumentException("record header " + record.header() + " is not " + header);
        }
        Value[] v = record.values();
        Row row = new Row();
        Map<String, AttributeValue> attributes = new HashMap<>(mapCapacity);

        AttributeValue pk = keyValue(partition, v, row);
        if (pk == null) {
            return TransformResult.reject(row.column, row.reason);
        }
        String pkText = row.keyText;
        attributes.put(partition.attribute, pk);
        Map<String, AttributeValue> key;
        String orderingKey;
        if (sort == null) {
            key = Map.of(partition.attribute, pk);
            orderingKey = tag(partition.type) + pkText;
        } else {
            AttributeValue sk = keyValue(sort, v, row);
            if (sk == null) {
                return TransformResult.reject(row.column, row.reason);
            }
            attributes.put(sort.attribute, sk);
            key = Map.of(partition.attribute, pk, sort.attribute, sk);
            // the length makes the split unambiguous whatever the values contain
            orderingKey = tag(partition.type) + pkText.length() + ':' + pkText + '\u0000' + tag(sort.type) + row.keyText;
        }

        for (int i = 0; i < kinds.length; i++) {
            byte kind = kinds[i];
            if (kind == KEY) {
                continue;
            }
            String cell = text(v[i]);
            AttributeValue a;
            if (cell == null || Texts.isBlank(cell)) {
                a = emptyValue(kind, row);
            } else {
                a = typed(kind, cell, row);
                if (a == NO_MEMBERS) {
                    a = emptyValue(kind, row);
                }
            }
            if (row.reason != null) {
                return TransformResult.reject(names[i], row.reason);
            }
            if (a != null) {
                row.size += nameBytes[i];
                attributes.put(names[i], a);
            }
        }
        if (row.size > MAX_ITEM_BYTES) {
            return TransformResult.reject(null, "item is " + row.size + " bytes, DynamoDB's limit is 400 KB ("
                    + MAX_ITEM_BYTES + " bytes)");
        }
        return TransformResult.emit(new DynamoItem(attributes, key, orderingKey, row.size));
    }

    private static String tag(ScalarAttributeType type) {
        return type == ScalarAttributeType.S ? "S:" : type == ScalarAttributeType.N ? "N:" : "B:";
    }

    /** A cell's text: the typer hands strings; other values (from another typer) are written out. */
    private static String text(Value value) {
        if (value == null || value instanceof Value.Null) {
            return null;
        }
        if (value instanceof Value.Str s) {
            return s.value();
        }
        if (value instanceof Value.Int i) {
            return Long.toString(i.value());
        }
        if (value instanceof Value.Dec d) {
            return d.value().toString();
        }
        if (value instanceof Value.Bool b) {
            return b.value() ? "true" : "false";
        }
        return value.toString();
    }

    /** The key attribute's value, with its canonical text in row.keyText; or null with row.reason set. */
    private AttributeValue keyValue(KeyPart k, Value[] v, Row row) {
        String text;
        String column;
        if (k.column >= 0) {
            column = names[k.column];
            text = text(v[k.column]);
        } else {
            column = null;
            StringBuilder b = new StringBuilder(64);
            for (int i = 0; i < k.templateColumns.length; i++) {
                int c = k.templateColumns[i];
                if (c < 0) {
                    b.append(k.literals[i]);
                    continue;
                }
                String cell = text(v[c]);
                if (cell == null || Texts.isBlank(cell)) {
                    row.column = names[c];
                    row.reason = "key attribute '" + k.attribute + "' is built from column '" + names[c]
                            + "', which is empty";
                    return null;
                }
                b.append(cell);
            }
            text = b.toString();
        }
        row.column = column;
        if (text == null || Texts.isBlank(text)) {
            row.reason = "key attribute '" + k.attribute + "' is empty";
            return null;
        }
        switch (k.type) {
            case S: {
                int bytes = Texts.utf8Length(text);
                if (bytes > k.maxBytes) {
                    row.reason = tooLong(k, bytes);
                    return null;
                }
                row.size += k.nameBytes + bytes;
                row.keyText = text;
                return AttributeValue.fromS(text);
            }
            case N: {
                int size = DynamoNumbers.size(text);
                if (size < 0) {
                    row.reason = "key attribute '" + k.attribute + "' is a number (N): " + DynamoNumbers.reason(size, text);
                    return null;
                }
                row.size += k.nameBytes + size;
                row.keyText = DynamoNumbers.canonical(text);
                return AttributeValue.fromN(text);
            }
            default: {
                byte[] bytes = base64(text);
                if (bytes == null) {
                    row.reason = "key attribute '" + k.attribute + "' is binary (B): " + Texts.quote(text) + " is not base64";
                    return null;
                }
                if (bytes.length == 0) {
                    row.reason = "key attribute '" + k.attribute + "' is empty";
                    return null;
                }
                if (bytes.length > k.maxBytes) {
                    row.reason = tooLong(k, bytes.length);
                    return null;
                }
                row.size += k.nameBytes + bytes.length;
                row.keyText = Base64.getEncoder().encodeToString(bytes);
                return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes));
            }
        }
    }

    private static String tooLong(KeyPart k, int bytes) {
        return "key attribute '" + k.attribute + "' is " + bytes + " bytes, DynamoDB's limit for a " + k.role + " is "
                + String.format("%,d", k.maxBytes) + " bytes";
    }

    /** What an empty cell becomes under the policy: null to omit (or, with row.reason set, to refuse). */
    private AttributeValue emptyValue(byte kind, Row row) {
        switch (empty) {
            case OMIT:
                return null;
            case EMPTY_STRING:
                return kind >= STRING_SET ? null : EMPTY_S;
            case NULL:
                row.size += 1;
                return JsonAttributes.NUL;
            default:
                row.reason = "the cell is empty and empty cells are refused (empty-cell policy 'error')";
                return null;
        }
    }

    /** A non-empty cell as its column's type; null with row.reason set when it does not fit. */
    private AttributeValue typed(byte kind, String cell, Row row) {
        switch (kind) {
            case STRING:
                row.size += Texts.utf8Length(cell);
                return AttributeValue.fromS(cell);
            case INFER: {
                int size = DynamoNumbers.inferredSize(cell);
                if (size >= 0) {
                    row.size += size;
                    return AttributeValue.fromN(cell);
                }
                if (cell.equalsIgnoreCase("true")) {
                    row.size += 1;
                    return JsonAttributes.TRUE;
                }
                if (cell.equalsIgnoreCase("false")) {
                    row.size += 1;
                    return JsonAttributes.FALSE;
                }
                row.size += Texts.utf8Length(cell);
                return AttributeValue.fromS(cell);
            }
            case NUMBER: {
                int size = DynamoNumbers.size(cell);
                if (size < 0) {
                    row.reason = DynamoNumbers.reason(size, cell);
                    return null;
                }
                row.size += size;
                return AttributeValue.fromN(cell);
            }
            case BOOL: {
                Boolean b = bool(cell);
                if (b == null) {
                    row.reason = Texts.quote(cell) + " is not a boolean (true/false, 1/0, yes/no)";
                    return null;
                }
                row.size += 1;
                return b ? JsonAttributes.TRUE : JsonAttributes.FALSE;
            }
            case NULL:
                row.size += 1;
                return JsonAttributes.NUL;
            case BINARY: {
                byte[] bytes = base64(cell);
                if (bytes == null) {
                    row.reason = Texts.quote(cell) + " is not base64";
                    return null;
                }
                row.size += bytes.length;
                return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes));
            }
            case JSON:
                return JsonAttributes.convert(cell, row);
            default:
                return set(kind, cell, row);
        }
    }

    private static Boolean bool(String cell) {
        String s = Texts.strip(cell);
        switch (s.length()) {
            case 1:
                return s.equals("1") ? Boolean.TRUE : s.equals("0") ? Boolean.FALSE : null;
            case 2:
                return s.equalsIgnoreCase("no") ? Boolean.FALSE : null;
            case 3:
                return s.equalsIgnoreCase("yes") ? Boolean.TRUE : null;
            case 4:
                return s.equalsIgnoreCase("true") ? Boolean.TRUE : null;
            case 5:
                return s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    /** Standard or URL-safe base64, padding optional, blanks around ignored; null when not base64. */
    static byte[] base64(String cell) {
        String s = Texts.strip(cell);
        try {
            return (s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** SS, NS or BS from a delimited cell; {@link #NO_MEMBERS} when it has none; null with row.reason when bad. */
    private AttributeValue set(byte kind, String cell, Row row) {
        List<String> members = new ArrayList<>();
        int n = cell.length();
        int start = 0;
        while (true) {
            int end = cell.indexOf(delimiter, start);
            if (end < 0) {
                end = n;
            }
            String m = Texts.strip(cell.substring(start, end));
            if (!m.isEmpty()) {
                members.add(m);
            }
            if (end == n) {
                break;
            }
            start = end + 1;
        }
        if (members.isEmpty()) {
            return NO_MEMBERS;
        }
        switch (kind) {
            case STRING_SET: {
                Set<String> unique = new LinkedHashSet<>(members);
                for (String m : unique) {
                    row.size += Texts.utf8Length(m);
                }
                return AttributeValue.fromSs(new ArrayList<>(unique));
            }
            case NUMBER_SET: {
                Map<String, String> unique = new LinkedHashMap<>();
                for (String m : members) {
                    int size = DynamoNumbers.size(m);
                    if (size < 0) {
                        row.reason = "set member " + DynamoNumbers.reason(size, m);
                        return null;
                    }
                    if (unique.putIfAbsent(DynamoNumbers.canonical(m), m) == null) {
                        row.size += size;
                    }
                }
                return AttributeValue.fromNs(new ArrayList<>(unique.values()));
            }
            default: {
                Map<ByteBuffer, SdkBytes> unique = new LinkedHashMap<>();
                for (String m : members) {
                    byte[] bytes = base64(m);
                    if (bytes == null) {
                        row.reason = "set member " + Texts.quote(m) + " is not base64";
                        return null;
                    }
                    if (unique.putIfAbsent(ByteBuffer.wrap(bytes), SdkBytes.fromByteArrayUnsafe(bytes)) == null) {
                        row.size += bytes.length;
                    }
                }
                return AttributeValue.fromBs(new ArrayList<>(unique.values()));
            }
        }
    }
}
