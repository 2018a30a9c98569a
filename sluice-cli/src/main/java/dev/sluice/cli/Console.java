package dev.sluice.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * The outside world of one CLI invocation: its output streams, its environment and whether a person
 * is watching. Tests run the CLI in-process with their own.
 */
public record Console(PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {

    public static Console system() {
        return new Console(System.out, System.err, System.getenv(), System.console() != null);
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
