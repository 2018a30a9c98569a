package dev.sluice.lambda.config;

import java.util.Map;

/** Reads a function's environment variables, blank counting as unset; errors name the variable. */
record Env(Map<String, String> env) {
    String optional(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    String required(String name, String what) {
        String value = optional(name, null);
        if (value == null) {
            throw new IllegalArgumentException(name + " is not set: " + what);
        }
        return value;
    }

    double number(String name, String fallback) {
        String value = optional(name, fallback);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }
}
