package dev.sluice.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} and {@code ${NAME:-default}} in a scalar value, from an environment map. As in a POSIX
 * shell, the default is used when the variable is unset or empty; the default is taken literally (no
 * nesting) and may not contain {@code }}. {@code $${} is a literal {@code ${}; any other {@code $} is
 * itself. The result is text: it is never read as YAML again.
 */
final class EnvSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A value after substitution, and the variables it used, in order. */
    record Result(String value, List<String> variables) {
        boolean substituted() {
            return !variables.isEmpty();
        }
    }

    /** Why a value cannot be substituted; {@code variable} is set when it names an unset variable. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final String variable;

        Problem(String message, String variable) {
            super(message, null, false, false);
            this.variable = variable;
        }
    }

    private EnvSubstitution() {
    }

    static Result apply(String raw, Map<String, String> env) throws Problem {
        if (raw.indexOf('$') < 0) {
            return new Result(raw, List.of());
        }
        StringBuilder out = new StringBuilder(raw.length());
        List<String> variables = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (raw.startsWith("${", i)) {
                int close = raw.indexOf('}', i + 2);
                if (close < 0) {
                    throw new Problem("'${' without a closing '}'; write ${NAME} or ${NAME:-default}, or $${ for a"
                            + " literal ${", null);
                }
                String body = raw.substring(i + 2, close);
                int dash = body.indexOf(":-");
                String name = dash < 0 ? body : body.substring(0, dash);
                String fallback = dash < 0 ? null : body.substring(dash + 2);
                if (!NAME.matcher(name).matches()) {
                    throw new Problem("'${" + name + (dash < 0 ? "" : ":-…") + "}' is not ${NAME} or ${NAME:-default}"
                            + " (a name is letters, digits and _); write $${ for a literal ${", null);
                }
                String value = env.get(name);
                if (fallback != null && (value == null || value.isEmpty())) {
                    value = fallback;
                }
                if (value == null) {
                    throw new Problem("environment variable " + name + " is not set", name);
                }
                out.append(value);
                variables.add(name);
                i = close + 1;
            } else {
                out.append(raw.charAt(i));
                i++;
            }
        }
        return new Result(out.toString(), List.copyOf(variables));
    }

    /** The variable names a raw value refers to, ignoring malformed references. */
    static List<String> names(String raw) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while ((i = raw.indexOf('$', i)) >= 0) {
            if (raw.startsWith("$${", i)) {
                i += 3;
            } else if (raw.startsWith("${", i)) {
                int close = raw.indexOf('}', i + 2);
                if (close < 0) {
                    break;
                }
                String body = raw.substring(i + 2, close);
                int dash = body.indexOf(":-");
                names.add(dash < 0 ? body : body.substring(0, dash));
                i = close + 1;
            } else {
                i++;
            }
        }
        return names;
    }
}
