package dev.sluice.personalize.queue;

import java.util.regex.Pattern;

/**
 * Which written files are Braze rows to enqueue: those in a run folder of the {@code braze}
 * connector, {@code …output/braze/year=YYYY/month=MM/day=DD/time=HHMMSS/<file>}, the key a bucket
 * notification names (from the bucket's root) or a key in the job folder. Not {@code state/},
 * {@code errors/}, {@code rejects/} or another connector's output.
 */
public final class OutputKeys {
    private static final Pattern BRAZE_OUTPUT = Pattern.compile(
            "(?:^|.*/)output/braze/year=\\d{4}/month=(?:0[1-9]|1[0-2])/day=(?:0[1-9]|[12]\\d|3[01])"
                    + "/time=(?:[01]\\d|2[0-3])[0-5]\\d[0-5]\\d/[^/]+");

    private OutputKeys() {
    }

    public static boolean isBrazeOutput(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return !name.startsWith(".") && BRAZE_OUTPUT.matcher(key).matches();
    }
}
