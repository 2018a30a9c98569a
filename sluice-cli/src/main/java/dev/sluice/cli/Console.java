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

    /** A warning for the person running the command: on standard error, never in the JSON. */
    public void warn(String message) {
        err.println("warning: " + message);
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
