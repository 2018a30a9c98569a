package dev.sluice.braze.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Random faults: each {@code /users/track} request gets a fault with the given probability.
 *
 * @param probabilities fault → probability in [0, 1]; the probabilities add up to at most 1
 */
public record FaultPlan(Map<Fault, Double> probabilities) {

    private static final double ROUNDING = 1e-9;

    public FaultPlan {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        double sum = 0;
        for (Map.Entry<Fault, Double> e : probabilities.entrySet()) {
            double p = e.getValue();
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("the probability of fault " + e.getKey()
                        + " must be between 0 and 1, got " + p);
            }
            sum += p;
        }
        if (sum > 1 + ROUNDING) {
            throw new IllegalArgumentException("fault probabilities add up to " + sum + "; at most 1 is allowed");
        }
    }

    public static FaultPlan none() {
        return new FaultPlan(Map.of());
    }

    /**
     * Reads {@code fault=probability} pairs separated by commas, e.g.
     * {@code 500=0.05,429=0.02,502=0.01,reset=0.01,hang=0.01}. A fault is an HTTP status 400-599
     * (502, 503 and 504 come with an HTML body, as a proxy sends them; {@code html<code>} forces
     * HTML for another code), {@code reset} or {@code hang}. Empty text or {@code none} means no faults.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static FaultPlan parse(String text) {
        String spec = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (spec.isEmpty() || spec.equals("none")) {
            return none();
        }
        Map<Fault, Double> probabilities = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("fault plan entry '" + entry.trim()
                        + "' is not <fault>=<probability> like 500=0.05");
            }
            Fault fault = fault(parts[0].trim());
            if (probabilities.put(fault, probability(parts[0].trim(), parts[1].trim())) != null) {
                throw new IllegalArgumentException("fault '" + parts[0].trim() + "' appears twice in the fault plan");
            }
        }
        return new FaultPlan(probabilities);
    }

    private static Fault fault(String name) {
        switch (name) {
            case "reset":
                return Fault.reset();
            case "hang":
                return Fault.hang();
            default:
                boolean html = name.startsWith("html");
                int code = statusCode(html ? name.substring(4) : name);
                return html || code == 502 || code == 503 || code == 504 ? Fault.html(code) : Fault.status(code);
        }
    }

    private static int statusCode(String digits) {
        try {
            int code = Integer.parseInt(digits);
            if (code >= 400 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted names
        }
        throw new IllegalArgumentException("unknown fault '" + digits
                + "': use an HTTP status 400-599 (e.g. 500, 429, 502), html<status>, reset or hang");
    }

    private static double probability(String fault, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the probability of fault '" + fault
                    + "' must be a number between 0 and 1, got '" + text + "'", e);
        }
    }

    public boolean isEmpty() {
        return probabilities.isEmpty();
    }

    /** The fault whose slice of [0, 1) contains {@code uniform}, if any. */
    Optional<Fault> pick(double uniform) {
        double upper = 0;
        for (Map.Entry<Fault, Double> e : probabilities.entrySet()) {
            upper += e.getValue();
            if (uniform < upper) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The same form {@link #parse} reads. */
    @Override
    public String toString() {
        if (probabilities.isEmpty()) {
            return "none";
        }
        return probabilities.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
