package dev.sluice.dynamodb.item;

import dev.sluice.core.engine.PreparedTransform;
import dev.sluice.core.engine.TransformFactory;
import dev.sluice.core.record.Header;
import dev.sluice.core.typing.EmptyCells;
import dev.sluice.core.typing.RowTyper;
import dev.sluice.core.typing.TypingOptions;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * CSV rows → DynamoDB items (dynamodb.md 5.3): reads a table's key schema and prepares the engine's
 * typing and transform for a header.
 *
 * <p><b>Typing.</b> The row typer infers nothing: every cell reaches the transform as the string
 * that was read (empty and blank cells as {@code ""}, no null token). The transform then types each
 * cell: a key column as the key's scalar type (S, N or B); a column with an explicit
 * {@link DynamoType} as that type; any other column as S, or with {@code infer} as N when it is a
 * plain number DynamoDB stores exactly as written ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}, at most 38
 * significant digits, within range: {@code 007}, {@code 02134}, {@code 1e5}, {@code +5} stay S), as
 * BOOL when it is {@code true} or {@code false} in any case, else as S. Inference is per cell: a
 * column can hold N in one row and S in the next. It never makes sets, M or L.
 *
 * <p><b>Empty cells</b> (empty or blank) in non-key columns follow {@link EmptyPolicy}. An empty key
 * value is always a rejection ({@code key attribute 'customer_id' is empty}).
 *
 * <p><b>Keys.</b> A key attribute comes from the column of the same name, or from a
 * {@link KeyTemplate} (never both). S keys are sent exactly as read; partition values may have at
 * most 2,048 bytes and sort values 1,024 (UTF-8; for B the decoded bytes); N keys must be DynamoDB
 * numbers.
 *
 * <p><b>Size.</b> Each item's size is computed the way DynamoDB counts it: per attribute, its
 * name's UTF-8 bytes plus its value: S UTF-8 bytes; N per {@link DynamoNumbers} (base-100 digits
 * aligned to the decimal point + 1, + 1 if negative); B bytes; BOOL and NULL 1; M and L 3 + per
 * element 1 + its value (+ its key for M); sets the sum of their members. Checked against DynamoDB
 * Local 2.6.1 at the limit, byte for byte. Over 409,600 bytes rejects the row. The item's
 * {@code sizeBytes} is this size.
 *
 * <p><b>Ordering key.</b> The key in one string, equal for two rows exactly when they write the same
 * item: type-tagged, N keys in a canonical form (so {@code 1} and {@code 1.0} match), B keys as
 * base64 of their bytes.
 *
 * <p>Every problem with a row is a {@code TransformResult.reject(column, reason)}, never an
 * exception. Attribute names are the header names exactly as read.
 */
public final class DynamoItems {

    private DynamoItems() {
    }

    /**
     * Reads the table's key schema with DescribeTable.
     *
     * @throws IllegalArgumentException when the name cannot be a table name, or the table does not
     *                                  exist ("table 'x' does not exist in us-east-1")
     * @throws software.amazon.awssdk.core.exception.SdkException for other failures (credentials,
     *                                  network, permissions)
     */
    public static KeySchema describe(DynamoDbClient client, String table) {
        Objects.requireNonNull(client, "client");
        checkTableName(table);
        TableDescription d;
        try {
            d = client.describeTable(r -> r.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            throw new IllegalArgumentException("table '" + table + "' does not exist in " + where(client), e);
        }
        KeySchema.KeyAttribute partition = null;
        KeySchema.KeyAttribute sort = null;
        for (KeySchemaElement k : d.keySchema()) {
            KeySchema.KeyAttribute a = new KeySchema.KeyAttribute(k.attributeName(), typeOf(d, k.attributeName()));
            if (k.keyType() == KeyType.HASH) {
                partition = a;
            } else if (k.keyType() == KeyType.RANGE) {
                sort = a;
            }
        }
        if (partition == null) {
            throw new IllegalStateException("DescribeTable for '" + table + "' returned no partition key: " + d.keySchema());
        }
        return new KeySchema(partition, sort);
    }

    /**
     * Validates the header against the key schema and options and returns the engine's prepared
     * transform: a row typer that keeps every cell as a string, and a transform (stateless,
     * thread-safe) that makes typed items as described on this class.
     *
     * @throws dev.sluice.core.record.HeaderException before any write when a key attribute has
     *         neither a column of that name nor a key template (or has both); a key template names a
     *         missing column, or builds a non-key attribute, or every key part is a constant; a type
     *         names a missing column; a type on a key column differs from the key's scalar type (SS
     *         on a key, say); a column name is over 64 KB
     */
    public static PreparedTransform<DynamoItem> prepare(Header header, KeySchema key, DynamoItemOptions options) {
        ItemTransform transform = ItemTransform.create(header, key, options);
        TypingOptions typing = new TypingOptions(null, EmptyCells.EMPTY_STRING, Map.of(), new HashSet<>(header.names()));
        return new PreparedTransform<>(new RowTyper(header, typing), transform);
    }

    /** {@link #prepare} as the engine's factory, for a header known only when the file is opened. */
    public static TransformFactory<DynamoItem> transforms(KeySchema key, DynamoItemOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        return header -> prepare(header, key, options);
    }

    private static void checkTableName(String table) {
        if (table == null || table.length() < 3 || table.length() > 255) {
            throw new IllegalArgumentException("bad table name '" + table + "': DynamoDB table names have 3 to 255"
                    + " characters");
        }
        for (int i = 0; i < table.length(); i++) {
            char c = table.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '.';
            if (!ok) {
                throw new IllegalArgumentException("bad table name '" + table + "': DynamoDB table names use only"
                        + " a-z, A-Z, 0-9, '_', '-' and '.'");
            }
        }
    }

    private static ScalarAttributeType typeOf(TableDescription d, String attribute) {
        for (AttributeDefinition a : d.attributeDefinitions()) {
            if (a.attributeName().equals(attribute)) {
                return a.attributeType();
            }
        }
        throw new IllegalStateException("DescribeTable for '" + d.tableName() + "' does not define key attribute '"
                + attribute + "'");
    }

    /** The client's endpoint and region for a message, or a vague phrase when the client cannot say. */
    private static String where(DynamoDbClient client) {
        try {
            var config = client.serviceClientConfiguration();
            String region = config.region() == null ? null : config.region().id();
            String endpoint = config.endpointOverride().map(Object::toString).orElse(null);
            if (endpoint != null) {
                return endpoint + (region == null ? "" : " (" + region + ")");
            }
            if (region != null) {
                return region;
            }
        } catch (RuntimeException e) {
            // DynamoDB Local's embedded client, for one, does not implement the configuration view
        }
        return "the client's region";
    }
}
