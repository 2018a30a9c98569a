package dev.sluice.core.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A typed cell value. Decimals keep their exact text (no binary floating point), so "0.10" is sent
 * as 0.10 and a 19-digit number is never rounded.
 */
public sealed interface Value {

    /** A string, sent as it was read. */
    record Str(String value) implements Value { }

    /** A whole number within the signed 64-bit range. */
    record Int(long value) implements Value { }

    /** A number with a fraction or exponent, kept exactly. */
    record Dec(BigDecimal value) implements Value { }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);
    }

    /** A point in time, normalised to UTC. */
    record Time(Instant value) implements Value { }

    record Array(List<Value> values) implements Value {
        public Array {
            values = List.copyOf(values);
        }
    }

    /** A nested object; keys keep their order. */
    record Obj(Map<String, Value> fields) implements Value {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /** An explicit null: the destination unsets the attribute. Not the same as an omitted cell. */
    enum Null implements Value { INSTANCE }
}
