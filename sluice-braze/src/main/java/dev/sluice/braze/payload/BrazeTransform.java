package dev.sluice.braze.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.engine.Transform;
import dev.sluice.core.engine.TransformResult;
import dev.sluice.core.record.Header;
import dev.sluice.core.record.HeaderException;
import dev.sluice.core.record.Record;
import dev.sluice.core.record.Value;
import dev.sluice.core.typing.CellFormatException;
import dev.sluice.core.typing.ColumnType;
import dev.sluice.core.typing.RowTyper;
import dev.sluice.core.typing.TypingOptions;
import dev.sluice.core.typing.ValueParsers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns typed CSV records into /users/track attributes objects (braze.md 1.15, 2.7, 2.8, 4).
 *
 * <p><b>Identifiers.</b> Columns named {@code external_id} (or the column chosen with
 * {@code idColumn}, sent as {@code external_id}), {@code braze_id}, an alias ({@code alias_name} +
 * {@code alias_label}, the dashboard's {@code user_alias_name} + {@code user_alias_label}, or a
 * {@code user_alias} column holding {@code {"alias_name": ..., "alias_label": ...}} as JSON or a
 * Python dict), {@code email} and {@code phone}, in any position. Their values are always strings.
 * Per row, the identifier is the primary one (external_id, braze_id or alias) that is present, else
 * email, else phone; a row with two primary identifiers, or with none and no email or phone, is
 * rejected. An empty cell or the null token in an identifier column means "absent" (an identifier
 * cannot be unset). When email or phone is not the row's identifier it is sent as a normal
 * attribute, where the null token unsets it like any other attribute.
 *
 * <p><b>Attributes.</b> Every other column, in header order: omitted cells are left out,
 * {@code Value.Null} is sent as {@code null} (unsets), times as ISO-8601 UTC strings
 * ({@code {"$time": ...}} inside nested objects), decimals exactly. A value that breaks a
 * {@link BrazeLimits} limit rejects the row naming the column; nothing is truncated. A row with no
 * attribute to send is skipped.
 *
 * <p><b>Threads.</b> An instance reuses one encoding buffer, so it must be used by one thread at a
 * time; give each thread its own instance ({@link #copy()} or another {@link #create}).
 */
public final class BrazeTransform implements Transform<BrazeObject> {

    static final String EXTERNAL_ID = "external_id";
    static final String BRAZE_ID = "braze_id";
    static final String ALIAS_NAME = "alias_name";
    static final String ALIAS_LABEL = "alias_label";
    static final String USER_ALIAS_NAME = "user_alias_name";
    static final String USER_ALIAS_LABEL = "user_alias_label";
    static final String USER_ALIAS = "user_alias";
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String UPDATE_EXISTING_ONLY = "_update_existing_only";

    /** Braze's standard profile fields (braze.md 2.8), for case-mistake warnings. */
    private static final Set<String> STANDARD_NAMES = Set.of(
            EXTERNAL_ID, BRAZE_ID, ALIAS_NAME, ALIAS_LABEL, USER_ALIAS, EMAIL, PHONE, "country", "current_location",
            "date_of_first_session", "date_of_last_session", "dob", "email_subscribe", "email_open_tracking_disabled",
            "email_click_tracking_disabled", "facebook", "first_name", "gender", "home_city", "language", "last_name",
            "marked_email_as_spam_at", "push_subscribe", "push_tokens", "subscription_groups", "time_zone", "twitter");

    private static final int MAX_ATTRIBUTE_NAME = 255;

    private final Header header;
    private final BrazeImportOptions options;
    private final RowTyper rowTyper;
    private final List<String> warnings;
    private final int externalCol;
    private final int brazeIdCol;
    private final int aliasNameCol;
    private final int aliasLabelCol;
    private final int userAliasCol;
    private final int emailCol;
    private final int phoneCol;
    private final int[] attributeCols;
    private final String[] names;
    private final PayloadWriter writer;

    private BrazeTransform(BrazeTransform other) {
        this.header = other.header;
        this.options = other.options;
        this.rowTyper = other.rowTyper;
        this.warnings = other.warnings;
        this.externalCol = other.externalCol;
        this.brazeIdCol = other.brazeIdCol;
        this.aliasNameCol = other.aliasNameCol;
        this.aliasLabelCol = other.aliasLabelCol;
        this.userAliasCol = other.userAliasCol;
        this.emailCol = other.emailCol;
        this.phoneCol = other.phoneCol;
        this.attributeCols = other.attributeCols;
        this.names = other.names;
        this.writer = new PayloadWriter(options.limits());
    }

    private BrazeTransform(Header header, BrazeImportOptions options, int externalCol, int brazeIdCol,
                           int aliasNameCol, int aliasLabelCol, int userAliasCol, int emailCol, int phoneCol,
                           List<String> warnings) {
        this.header = header;
        this.options = options;
        this.externalCol = externalCol;
        this.brazeIdCol = brazeIdCol;
        this.aliasNameCol = aliasNameCol;
        this.aliasLabelCol = aliasLabelCol;
        this.userAliasCol = userAliasCol;
        this.emailCol = emailCol;
        this.phoneCol = phoneCol;
        this.warnings = List.copyOf(warnings);
        this.names = header.names().toArray(new String[0]);

        Set<String> identifiers = new LinkedHashSet<>();
        List<Integer> attributes = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            boolean primary = i == externalCol || i == brazeIdCol || i == aliasNameCol || i == aliasLabelCol
                    || i == userAliasCol;
            if (primary || i == emailCol || i == phoneCol) {
                identifiers.add(names[i]);
            }
            if (!primary) {
                attributes.add(i); // email and phone are attributes on rows identified otherwise
            }
        }
        this.attributeCols = attributes.stream().mapToInt(Integer::intValue).toArray();

        TypingOptions typing = options.typing();
        for (Map.Entry<String, ColumnType> t : typing.columnTypes().entrySet()) {
            if (identifiers.contains(t.getKey()) && t.getValue() != ColumnType.STRING) {
                throw new HeaderException("--type names column '" + t.getKey() + "', an identifier: identifiers are"
                        + " always sent as strings, so it cannot be typed " + t.getValue().label());
            }
        }
        Set<String> strings = new HashSet<>(typing.stringColumns());
        strings.addAll(identifiers);
        try {
            this.rowTyper = new RowTyper(header, typing.withStringColumns(strings));
        } catch (IllegalArgumentException e) {
            throw new HeaderException(e.getMessage());
        }
        this.writer = new PayloadWriter(options.limits());
    }

    /**
     * Validates the header against Braze's rules and prepares typing (identifier columns become
     * string columns).
     *
     * @throws HeaderException with an actionable message: no identifier column; half an alias pair;
     *                         two alias forms; {@code idColumn} missing or clashing with
     *                         {@code external_id}; a type on an identifier column; a type for a
     *                         column the header lacks; an attribute name starting with {@code $},
     *                         longer than 255 characters, or {@code _update_existing_only}
     */
    public static BrazeTransform create(Header header, BrazeImportOptions options) {
        String idColumn = options.idColumn();
        int externalCol;
        if (idColumn != null) {
            externalCol = header.indexOf(idColumn);
            if (externalCol < 0) {
                throw new HeaderException("--id-column names '" + idColumn + "', which the header does not have"
                        + " (columns: " + header + ")");
            }
            if (!idColumn.equals(EXTERNAL_ID) && header.contains(EXTERNAL_ID)) {
                throw new HeaderException("--id-column names '" + idColumn + "' but the header also has an "
                        + "'external_id' column; Braze takes one external_id: drop --id-column or rename a column");
            }
            if (Set.of(BRAZE_ID, ALIAS_NAME, ALIAS_LABEL, USER_ALIAS_NAME, USER_ALIAS_LABEL, USER_ALIAS).contains(idColumn)) {
                throw new HeaderException("--id-column cannot name '" + idColumn + "': Braze reads that column as "
                        + "its own identifier");
            }
        } else {
            externalCol = header.indexOf(EXTERNAL_ID);
        }
        int brazeIdCol = header.indexOf(BRAZE_ID);
        int aliasNameCol = -1;
        int aliasLabelCol = -1;
        int aliasForms = 0;
        for (String[] pair : new String[][] {{ALIAS_NAME, ALIAS_LABEL}, {USER_ALIAS_NAME, USER_ALIAS_LABEL}}) {
            int n = header.indexOf(pair[0]);
            int l = header.indexOf(pair[1]);
            if (n >= 0 && l < 0) {
                throw new HeaderException("column '" + pair[0] + "' needs a matching '" + pair[1]
                        + "' column: Braze identifies an alias by both");
            }
            if (l >= 0 && n < 0) {
                throw new HeaderException("column '" + pair[1] + "' needs a matching '" + pair[0]
                        + "' column: Braze identifies an alias by both");
            }
            if (n >= 0) {
                aliasNameCol = n;
                aliasLabelCol = l;
                aliasForms++;
            }
        }
        int userAliasCol = header.indexOf(USER_ALIAS);
        if (userAliasCol >= 0) {
            aliasForms++;
        }
        if (aliasForms > 1) {
            throw new HeaderException("the header gives the user alias more than one way (alias_name/alias_label, "
                    + "user_alias_name/user_alias_label, user_alias): keep one");
        }
        int emailCol = EMAIL.equals(idColumn) ? -1 : header.indexOf(EMAIL);
        int phoneCol = PHONE.equals(idColumn) ? -1 : header.indexOf(PHONE);

        List<String> hints = new ArrayList<>();
        for (String name : header.names()) {
            String normal = normalise(name);
            if (!name.equals(normal) && STANDARD_NAMES.contains(normal) && !header.contains(normal)) {
                hints.add("column '" + printable(name) + "' looks like Braze's standard '" + normal
                        + "', but Braze names are case-sensitive and exact: it will be sent as a custom attribute");
            }
        }
        if (externalCol < 0 && brazeIdCol < 0 && aliasNameCol < 0 && userAliasCol < 0 && emailCol < 0 && phoneCol < 0) {
            StringBuilder m = new StringBuilder("no identifier column: the header needs external_id, braze_id, "
                    + "alias_name + alias_label, email or phone (or choose the identifier column with --id-column)");
            for (String h : hints) {
                m.append("; ").append(h);
            }
            throw new HeaderException(m.toString());
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.name(i);
            if (name.startsWith("$")) {
                throw new HeaderException("column '" + name + "': Braze attribute names cannot start with '$'");
            }
            int chars = name.codePointCount(0, name.length());
            if (chars > MAX_ATTRIBUTE_NAME) {
                throw new HeaderException("column " + (i + 1) + ": its name has " + chars
                        + " characters, Braze attribute names have at most " + MAX_ATTRIBUTE_NAME);
            }
            if (name.equals(UPDATE_EXISTING_ONLY)) {
                throw new HeaderException("column '" + UPDATE_EXISTING_ONLY + "': use the update-existing-only option"
                        + " instead of a column");
            }
        }
        return new BrazeTransform(header, options, externalCol, brazeIdCol, aliasNameCol, aliasLabelCol, userAliasCol,
                emailCol, phoneCol, hints);
    }

    /** Lower case, no BOM, blanks and '-' as '_': what a header name probably meant. */
    private static String normalise(String name) {
        String s = name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
        return s.replace(' ', '_').replace('-', '_');
    }

    private static String printable(String name) {
        return name.replace("\uFEFF", "\\uFEFF");
    }

    /** The RowTyper for this header: the caller's typing, with identifier columns as string columns. */
    public RowTyper rowTyper() {
        return rowTyper;
    }

    public Header header() {
        return header;
    }

    public BrazeImportOptions options() {
        return options;
    }

    /** Header names that look like Braze standard fields but do not match exactly; for the user. */
    public List<String> warnings() {
        return warnings;
    }

    /** A new instance with the same configuration and its own buffer, for another thread. */
    public BrazeTransform copy() {
        return new BrazeTransform(this);
    }

    private static final String ABSENT_NULL = "null";
    private static final String ABSENT_EMPTY = "empty";

    /** An identifier cell's text, or null when empty, blank or null. */
    private static String idText(Value v) {
        if (v instanceof Value.Str s) {
            return s.value().isBlank() ? null : s.value();
        }
        if (v == null || v instanceof Value.Null) {
            return null;
        }
        if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        }
        if (v instanceof Value.Dec d) {
            return d.value().toPlainString();
        }
        throw new IllegalArgumentException("identifier value must be a string, not " + v);
    }

    private static String absence(Value v) {
        return v instanceof Value.Null ? ABSENT_NULL : ABSENT_EMPTY;
    }

    @Override
    public TransformResult<BrazeObject> apply(Record record) {
        if (record.header() != header && !record.header().equals(header)) {
            throw new IllegalArgumentException("record header " + record.header() + " is not " + header);
        }
        Value[] v = record.values();

        String external = externalCol >= 0 ? idText(v[externalCol]) : null;
        String brazeId = brazeIdCol >= 0 ? idText(v[brazeIdCol]) : null;
        String aliasName = null;
        String aliasLabel = null;
        if (aliasNameCol >= 0) {
            aliasName = idText(v[aliasNameCol]);
            aliasLabel = idText(v[aliasLabelCol]);
            if (aliasName != null && aliasLabel == null) {
                return TransformResult.reject(names[aliasLabelCol], names[aliasNameCol] + " is set but "
                        + names[aliasLabelCol] + " is " + absence(v[aliasLabelCol]) + ": an alias needs both");
            }
            if (aliasLabel != null && aliasName == null) {
                return TransformResult.reject(names[aliasNameCol], names[aliasLabelCol] + " is set but "
                        + names[aliasNameCol] + " is " + absence(v[aliasNameCol]) + ": an alias needs both");
            }
        } else if (userAliasCol >= 0) {
            String raw = idText(v[userAliasCol]);
            if (raw != null) {
                String[] alias = parseUserAlias(raw);
                if (alias == null) {
                    return TransformResult.reject(names[userAliasCol], "'" + raw + "' is not a user alias: expected "
                            + "{\"alias_name\": \"...\", \"alias_label\": \"...\"}");
                }
                aliasName = alias[0];
                aliasLabel = alias[1];
            }
        }

        int primaries = (external != null ? 1 : 0) + (brazeId != null ? 1 : 0) + (aliasName != null ? 1 : 0);
        if (primaries > 1) {
            List<String> given = new ArrayList<>(3);
            if (external != null) {
                given.add(names[externalCol]);
            }
            if (brazeId != null) {
                given.add(names[brazeIdCol]);
            }
            if (aliasName != null) {
                given.add(aliasNameCol >= 0 ? names[aliasNameCol] + "/" + names[aliasLabelCol] : names[userAliasCol]);
            }
            return TransformResult.reject(null, "more than one primary identifier: " + String.join(" and ", given));
        }
        String email = null;
        String phone = null;
        int idCol = -1; // the attribute column consumed as the identifier (email or phone)
        if (primaries == 0) {
            email = emailCol >= 0 ? idText(v[emailCol]) : null;
            if (email != null) {
                idCol = emailCol;
            } else {
                phone = phoneCol >= 0 ? idText(v[phoneCol]) : null;
                if (phone == null) {
                    return TransformResult.reject(null, noIdentifier(v));
                }
                idCol = phoneCol;
            }
        }

        int count = 0;
        for (int col : attributeCols) {
            if (col != idCol && v[col] != null) {
                count++;
            }
        }
        if (count == 0) {
            return TransformResult.skip("no attributes to update");
        }

        String orderingKey;
        try {
            writer.begin();
            JsonGenerator g = writer.generator();
            if (external != null) {
                g.writeStringField(EXTERNAL_ID, external);
                orderingKey = "e:" + external;
            } else if (brazeId != null) {
                g.writeStringField(BRAZE_ID, brazeId);
                orderingKey = "b:" + brazeId;
            } else if (aliasName != null) {
                g.writeObjectFieldStart(USER_ALIAS);
                g.writeStringField(ALIAS_NAME, aliasName);
                g.writeStringField(ALIAS_LABEL, aliasLabel);
                g.writeEndObject();
                orderingKey = "a:" + aliasLabel + '\u0000' + aliasName;
            } else if (email != null) {
                g.writeStringField(EMAIL, email);
                orderingKey = "m:" + email.toLowerCase(Locale.ROOT);
            } else {
                g.writeStringField(PHONE, phone);
                orderingKey = "p:" + phone;
            }
            if (options.updateExistingOnly()) {
                g.writeBooleanField(UPDATE_EXISTING_ONLY, true);
            } else if (aliasName != null) {
                g.writeBooleanField(UPDATE_EXISTING_ONLY, false);
            }
            for (int col : attributeCols) {
                Value value = v[col];
                if (col == idCol || value == null) {
                    continue;
                }
                String problem = writer.writeAttribute(names[col], value);
                if (problem != null) {
                    writer.abandon();
                    return TransformResult.reject(names[col], problem);
                }
            }
            return TransformResult.emit(new BrazeObject(orderingKey, writer.finish(), count));
        } catch (IOException e) {
            writer.abandon();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            writer.abandon();
            throw e;
        }
    }

    private String noIdentifier(Value[] v) {
        List<String> parts = new ArrayList<>();
        if (externalCol >= 0) {
            parts.add(names[externalCol] + " is " + absence(v[externalCol]));
        }
        if (brazeIdCol >= 0) {
            parts.add(names[brazeIdCol] + " is " + absence(v[brazeIdCol]));
        }
        if (aliasNameCol >= 0) {
            parts.add(names[aliasNameCol] + "/" + names[aliasLabelCol] + " are empty");
        }
        if (userAliasCol >= 0) {
            parts.add(names[userAliasCol] + " is " + absence(v[userAliasCol]));
        }
        if (emailCol >= 0) {
            parts.add(names[emailCol] + " is " + absence(v[emailCol]));
        }
        if (phoneCol >= 0) {
            parts.add(names[phoneCol] + " is " + absence(v[phoneCol]));
        }
        return "no identifier: " + String.join(", ", parts);
    }

    /** {alias_name, alias_label} from a user_alias cell, or null when it is not exactly that. */
    private static String[] parseUserAlias(String raw) {
        Value parsed;
        try {
            parsed = ValueParsers.parse(raw, ColumnType.OBJECT);
        } catch (CellFormatException e) {
            return null;
        }
        Map<String, Value> f = ((Value.Obj) parsed).fields();
        if (f.size() != 2 || !(f.get(ALIAS_NAME) instanceof Value.Str n) || !(f.get(ALIAS_LABEL) instanceof Value.Str l)
                || n.value().isBlank() || l.value().isBlank()) {
            return null;
        }
        return new String[] {n.value(), l.value()};
    }
}
