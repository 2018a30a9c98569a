package dev.sluice.braze.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.record.Value;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes one attributes object at a time with a Jackson streaming generator into a reusable
 * buffer, checking Braze's value limits as it goes. A limit violation returns a reason (never an
 * exception) and the half-written object is thrown away. Not thread-safe.
 */
final class PayloadWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final BrazeLimits limits;
    private final long minEpochSecond;
    private final long maxEpochSecondExclusive;
    private final Buffer out = new Buffer();
    private JsonGenerator gen;

    PayloadWriter(BrazeLimits limits) {
        this.limits = limits;
        this.minEpochSecond = LocalDate.of(limits.minYear(), 1, 1).toEpochDay() * 86_400L;
        this.maxEpochSecondExclusive = LocalDate.of(limits.maxYear() + 1, 1, 1).toEpochDay() * 86_400L;
        this.gen = newGenerator();
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void begin() throws IOException {
        out.reset();
        gen.writeStartObject();
    }

    JsonGenerator generator() {
        return gen;
    }

    byte[] finish() throws IOException {
        gen.writeEndObject();
        gen.flush();
        return out.toByteArray();
    }

    /** Drops a half-written object: the generator is replaced, since its state is mid-object. */
    void abandon() {
        gen = newGenerator();
        out.reset();
    }

    private long mark() {
        return out.size() + gen.getOutputBuffered();
    }

    /**
     * Writes one top-level attribute.
     *
     * @return null when written, or why Braze would not keep the value as sent (the object must then
     *         be abandoned)
     */
    String writeAttribute(String name, Value value) throws IOException {
        if (value instanceof Value.Str s) {
            String problem = checkString(s.value(), "");
            if (problem != null) {
                return problem;
            }
            gen.writeStringField(name, s.value());
        } else if (value instanceof Value.Int i) {
            gen.writeNumberField(name, i.value());
        } else if (value instanceof Value.Dec d) {
            gen.writeFieldName(name);
            gen.writeNumber(decimalText(d.value()));
        } else if (value instanceof Value.Bool b) {
            gen.writeBooleanField(name, b.value());
        } else if (value instanceof Value.Null) {
            gen.writeNullField(name);
        } else if (value instanceof Value.Time t) {
            String problem = checkYear(t.value(), "");
            if (problem != null) {
                return problem;
            }
            gen.writeStringField(name, t.value().toString());
        } else if (value instanceof Value.Array a) {
            gen.writeFieldName(name);
            long start = mark();
            String problem = writeArray(a, "", false);
            if (problem != null) {
                return problem;
            }
            long bytes = mark() - start - 1; // the ':' after the name is written with the value
            if (bytes > limits.maxArrayBytes()) {
                return "array of " + bytes + " bytes, Braze keeps at most " + limits.maxArrayBytes();
            }
        } else if (value instanceof Value.Obj o) {
            gen.writeFieldName(name);
            long start = mark();
            String problem = writeObject(o, "");
            if (problem != null) {
                return problem;
            }
            long bytes = mark() - start - 1;
            if (bytes > limits.maxObjectBytes()) {
                return "object of " + bytes + " bytes, Braze keeps at most " + limits.maxObjectBytes();
            }
        } else {
            throw new IllegalArgumentException("unknown value " + value);
        }
        return null;
    }

    /**
     * @param path   where this array sits, for messages ("" at the top level)
     * @param nested inside a nested object, where Braze refuses nulls
     */
    private String writeArray(Value.Array array, String path, boolean nested) throws IOException {
        List<Value> items = array.values();
        boolean objects = false;
        for (Value v : items) {
            if (v instanceof Value.Obj) {
                objects = true;
                break;
            }
        }
        if (!objects && items.size() > limits.maxArrayItems()) {
            return at(path) + items.size() + " items, Braze keeps at most " + limits.maxArrayItems();
        }
        gen.writeStartArray();
        for (int i = 0; i < items.size(); i++) {
            Value v = items.get(i);
            String itemPath = path + "[" + i + "]";
            String problem = null;
            if (v instanceof Value.Str s) {
                problem = checkString(s.value(), itemPath);
                if (problem == null) {
                    gen.writeString(s.value());
                }
            } else if (v instanceof Value.Obj o) {
                problem = writeObject(o, itemPath);
            } else if (v instanceof Value.Array a) {
                problem = writeArray(a, itemPath, nested);
            } else if (v instanceof Value.Null && nested) {
                problem = nestedNull(itemPath);
            } else if (v instanceof Value.Time t) {
                problem = checkYear(t.value(), itemPath);
                if (problem == null) {
                    writeTime(t.value(), nested);
                }
            } else {
                writeScalar(v);
            }
            if (problem != null) {
                return problem;
            }
        }
        gen.writeEndArray();
        return null;
    }

    /** A nested object (braze.md 2.8): keys without '.', '$' or spaces, no nulls, times as {"$time": ...}. */
    private String writeObject(Value.Obj object, String path) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<String, Value> e : object.fields().entrySet()) {
            String key = e.getKey();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            String problem = checkKey(key, path);
            if (problem != null) {
                return problem;
            }
            gen.writeFieldName(key);
            Value v = e.getValue();
            if (v instanceof Value.Str s) {
                problem = checkString(s.value(), keyPath);
                if (problem == null) {
                    gen.writeString(s.value());
                }
            } else if (v instanceof Value.Obj o) {
                problem = writeObject(o, keyPath);
            } else if (v instanceof Value.Array a) {
                problem = writeArray(a, keyPath, true);
            } else if (v instanceof Value.Null) {
                problem = nestedNull(keyPath);
            } else if (v instanceof Value.Time t) {
                problem = checkYear(t.value(), keyPath);
                if (problem == null) {
                    writeTime(t.value(), true);
                }
            } else {
                writeScalar(v);
            }
            if (problem != null) {
                return problem;
            }
        }
        gen.writeEndObject();
        return null;
    }

    private void writeScalar(Value v) throws IOException {
        if (v instanceof Value.Int i) {
            gen.writeNumber(i.value());
        } else if (v instanceof Value.Dec d) {
            gen.writeNumber(decimalText(d.value()));
        } else if (v instanceof Value.Bool b) {
            gen.writeBoolean(b.value());
        } else if (v instanceof Value.Null) {
            gen.writeNull();
        } else {
            throw new IllegalArgumentException("not a scalar: " + v);
        }
    }

    private void writeTime(Instant t, boolean nested) throws IOException {
        if (nested) {
            gen.writeStartObject();
            gen.writeStringField("$time", t.toString());
            gen.writeEndObject();
        } else {
            gen.writeString(t.toString());
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "at " + path + ": ";
    }

    private static String nestedNull(String path) {
        return "at " + path + ": null inside a nested object (Braze would drop every nested attribute update in the request)";
    }

    private String checkString(String s, String path) {
        int max = limits.maxStringLength();
        if (s.length() > max) {
            int chars = s.codePointCount(0, s.length());
            if (chars > max) {
                return at(path) + chars + " characters, Braze keeps at most " + max;
            }
        }
        return null;
    }

    private String checkKey(String key, String parentPath) {
        String where = parentPath.isEmpty() ? "" : " in " + parentPath;
        if (key.isEmpty()) {
            return "empty nested key" + where;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '$' || c == ' ') {
                return "nested key '" + key + "'" + where + " contains '" + c
                        + "'; Braze does not allow '.', '$' or spaces in nested keys";
            }
        }
        int max = limits.maxStringLength();
        if (key.length() > max && key.codePointCount(0, key.length()) > max) {
            return "nested key" + where + " of " + key.codePointCount(0, key.length())
                    + " characters, Braze keeps at most " + max;
        }
        return null;
    }

    private String checkYear(Instant t, String path) {
        long s = t.getEpochSecond();
        if (s >= minEpochSecond && s < maxEpochSecondExclusive) {
            return null;
        }
        int year = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC).getYear();
        return at(path) + "year " + year + " is outside " + limits.minYear() + ".." + limits.maxYear()
                + " (Braze would store the time as a string)";
    }

    /**
     * The JSON number text of a decimal, exactly its value: the plain form when the decimal has a
     * fraction or is whole ({@code 0.10}, {@code 0.0000001}, as they were read); scientific
     * notation ({@code 1E+5}) when it came with a positive exponent or would be very long plain.
     */
    static String decimalText(BigDecimal d) {
        int scale = d.scale();
        return scale >= 0 && scale <= 64 ? d.toPlainString() : d.toString();
    }

    /** An unsynchronised, reusable byte sink. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[1024];
        private int size;

        @Override
        public void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
            if (bytes.length > 1 << 20) {
                bytes = new byte[1024]; // don't keep a huge buffer after one huge row
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
