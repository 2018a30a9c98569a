package dev.sluice.core.pipeline;

import dev.sluice.core.pipeline.YamlTree.Entry;
import dev.sluice.core.pipeline.YamlTree.ListNode;
import dev.sluice.core.pipeline.YamlTree.MapNode;
import dev.sluice.core.pipeline.YamlTree.Node;
import dev.sluice.core.pipeline.YamlTree.Place;
import dev.sluice.core.pipeline.YamlTree.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One YAML map being read as a part of the file: typed fields, each error with the place and dotted path
 * of what is wrong. A value is "not set" when the key is absent, when its value is YAML null, or when it
 * consists only of variables that are empty ({@code ${REGION:-}}).
 */
final class Section {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
    private static final int SHOWN_CHARS = 60;

    /** A scalar value after substitution. */
    record Value(String raw, String text, List<String> variables, Place place, String field) {
    }

    private final Reading reading;
    private final MapNode map;
    private final String path;
    private final Place namedAt;

    private Section(Reading reading, MapNode map, String path, Place namedAt) {
        this.reading = reading;
        this.map = map;
        this.path = path;
        this.namedAt = namedAt;
    }

    /**
     * The map at {@code path}; YAML null reads as an empty map.
     *
     * @param namedAt where the key that names it is written (where "X is missing" points)
     */
    static Section of(Reading reading, Node node, String path, Place namedAt) throws PipelineConfigException {
        if (node instanceof MapNode m) {
            return new Section(reading, m, path, namedAt);
        }
        if (node == null || node instanceof ScalarNode s && s.isNull()) {
            return new Section(reading, new MapNode(namedAt, Map.of()), path, namedAt);
        }
        throw reading.error(node.place(), path, "expected a map (name: value lines), got " + describe(node));
    }

    String path() {
        return path;
    }

    Place namedAt() {
        return namedAt;
    }

    Map<String, Entry> entries() {
        return map.entries();
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Refuses any key not in {@code known}, suggesting the closest known one. */
    void allow(String... known) throws PipelineConfigException {
        List<String> names = Arrays.asList(known);
        for (Entry entry : map.entries().values()) {
            if (!names.contains(entry.key())) {
                String close = Suggestions.closest(entry.key(), names);
                throw reading.error(entry.keyPlace(), field(entry.key()), "unknown field '" + entry.key() + "'; "
                        + (close != null ? "did you mean '" + close + "'?" : "expected one of " + String.join(", ", names)));
            }
        }
    }

    /** Whether the key is written, whatever its value. */
    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** Of two keys that are both written, the one written later. */
    String later(String a, String b) {
        for (String key : map.entries().keySet()) {
            if (key.equals(a)) {
                return b;
            }
            if (key.equals(b)) {
                return a;
            }
        }
        throw new IllegalStateException("neither " + a + " nor " + b);
    }

    Entry entry(String key) {
        return map.entries().get(key);
    }

    /** The map under {@code key}, or null when the key is absent. */
    Section section(String key) throws PipelineConfigException {
        Entry entry = entry(key);
        return entry == null ? null : of(reading, entry.value(), field(key), entry.keyPlace());
    }

    /** The scalar under {@code key} after substitution, or null when not set. */
    Value value(String key) throws PipelineConfigException {
        Entry entry = entry(key);
        return entry == null ? null : scalar(entry.value(), field(key), false);
    }

    /** The raw (unsubstituted) text under {@code key}, or null when absent or not a scalar. */
    String raw(String key) {
        Entry entry = entry(key);
        return entry != null && entry.value() instanceof ScalarNode s ? s.text() : null;
    }

    String string(String key) throws PipelineConfigException {
        Value v = value(key);
        return v == null ? null : v.text();
    }

    /** Text that, when set, is not blank. */
    String nonBlank(String key) throws PipelineConfigException {
        Value v = value(key);
        if (v != null && v.text().isBlank()) {
            throw error(v, "is empty; leave it out to use the default");
        }
        return v == null ? null : v.text();
    }

    /** Text that must be set and not blank; {@code hint} says what to write. */
    String required(String key, String hint) throws PipelineConfigException {
        Value v = value(key);
        if (v == null || v.text().isBlank()) {
            Entry entry = entry(key);
            String why = entry == null ? "is required"
                    : v == null && entry.value() instanceof ScalarNode s && s.text() != null
                            ? "is required, but " + String.join(", ", EnvSubstitution.names(s.text())) + " is empty"
                            : "is required, but empty";
            throw reading.error(entry == null ? namedAt : entry.value().place(), field(key), why + "; " + hint);
        }
        return v.text();
    }

    Integer integer(String key, int min) throws PipelineConfigException {
        Value v = value(key);
        if (v == null) {
            return null;
        }
        String t = v.text().strip();
        if (!WHOLE_NUMBER.matcher(t).matches()) {
            throw error(v, "expected a whole number, got " + shown(v));
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (n > Integer.MAX_VALUE) {
            throw error(v, "expected a whole number up to " + Integer.MAX_VALUE + ", got " + shown(v));
        }
        if (n < min) {
            throw error(v, "must be at least " + min + ", got " + shown(v));
        }
        return (int) n;
    }

    Boolean bool(String key) throws PipelineConfigException {
        Value v = value(key);
        if (v == null) {
            return null;
        }
        String t = v.text().strip();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw error(v, "expected true or false, got " + shown(v));
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}; at least {@code min}. */
    Duration duration(String key, Duration min) throws PipelineConfigException {
        Value v = value(key);
        if (v == null) {
            return null;
        }
        Matcher m = DURATION.matcher(v.text().strip());
        if (!m.matches()) {
            throw error(v, "expected a duration such as 500ms, 30s, 5m or 1h, got " + shown(v));
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.compareTo(min) < 0) {
            throw error(v, "must be at least " + (min.toMillis() < 1000 ? min.toMillis() + "ms" : min.toSeconds() + "s")
                    + ", got " + shown(v));
        }
        return d;
    }

    /** One text or a list of them; null when not set. */
    List<String> strings(String key) throws PipelineConfigException {
        Entry entry = entry(key);
        if (entry == null) {
            return null;
        }
        String field = field(key);
        if (entry.value() instanceof ListNode list) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Value v = scalar(list.items().get(i), field + "[" + i + "]", true);
                out.add(v.text());
            }
            if (out.isEmpty()) {
                throw reading.error(entry.value().place(), field, "is an empty list; leave it out to use the default");
            }
            return out;
        }
        Value v = scalar(entry.value(), field, false);
        return v == null ? null : List.of(v.text());
    }

    /** A map of name → text, in file order; empty when not set. Every value must be set and not blank. */
    Map<String, String> stringMap(String key) throws PipelineConfigException {
        Section s = section(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (s == null) {
            return out;
        }
        for (Entry entry : s.entries().values()) {
            Value v = scalar(entry.value(), s.field(entry.key()), true);
            if (v.text().isBlank()) {
                throw error(v, "is empty");
            }
            out.put(entry.key(), v.text());
        }
        return out;
    }

    /** An error at a value. */
    PipelineConfigException error(Value v, String reason) {
        return reading.error(v.place(), v.field(), reason);
    }

    /** An error at a key, for a key that should not be there. */
    PipelineConfigException errorAtKey(String key, String reason) {
        return reading.error(entry(key).keyPlace(), field(key), reason);
    }

    /** An error about a missing key, at the key that names this map. */
    PipelineConfigException missing(String key, String reason) {
        return reading.error(namedAt, field(key), reason);
    }

    /** An error about this map as a whole, at the key that names it. */
    PipelineConfigException errorHere(String reason) {
        return reading.error(namedAt, path, reason);
    }

    /**
     * A value as messages may quote it: the text, or when it came from the environment, the text and the
     * raw form; for a secret variable only the raw form, e.g. {@code '${BRAZE_API_KEY}' (value not shown)}.
     */
    String shown(Value v) {
        if (v.variables().isEmpty()) {
            return "'" + clip(v.text()) + "'";
        }
        for (String variable : v.variables()) {
            if (reading.isSecret(variable)) {
                return "'" + clip(v.raw()) + "' (value not shown)";
            }
        }
        return "'" + clip(v.text()) + "' (from '" + clip(v.raw()) + "')";
    }

    private Value scalar(Node node, String field, boolean required) throws PipelineConfigException {
        if (!(node instanceof ScalarNode s)) {
            throw reading.error(node.place(), field, "expected text, got " + node.kindName());
        }
        if (s.isNull()) {
            if (required) {
                throw reading.error(node.place(), field, "needs a value");
            }
            return null;
        }
        EnvSubstitution.Result result;
        try {
            result = EnvSubstitution.apply(s.text(), reading.env);
        } catch (EnvSubstitution.Problem p) {
            String reason = p.getMessage();
            if (p.variable != null && !field.endsWith(".api_key")) {
                reason += " (write ${" + p.variable + ":-default} to give a default)";
            }
            throw reading.error(node.place(), field, reason);
        }
        if (result.substituted() && result.value().isEmpty() && !required) {
            return null;
        }
        return new Value(s.text(), result.value(), result.variables(), node.place(), field);
    }

    /** A node as written (raw text is the file's own, never a substituted value). */
    private static String describe(Node node) {
        return node instanceof ScalarNode s && s.text() != null ? "'" + clip(s.text()) + "'" : node.kindName();
    }

    private static String clip(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
    }
}
