package dev.sluice.lambda.testing;

import java.util.ArrayList;
import java.util.List;

/** What the handlers logged through their contexts (CloudWatch, in Lambda), line by line. */
public final class CapturedLog {
    /** One logged line and the invocation that logged it. */
    public record Line(String requestId, String text) { }

    private final List<Line> lines = new ArrayList<>();

    synchronized void add(String requestId, String message) {
        for (String line : message.split("\n")) {
            lines.add(new Line(requestId, line));
        }
    }

    public synchronized List<String> lines() {
        return lines.stream().map(Line::text).toList();
    }

    /** The line that follows the first line equal to {@code marker}, or null. */
    public synchronized String lineAfter(String marker) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).text().equals(marker)) {
                return lines.get(i + 1).text();
            }
        }
        return null;
    }

    public synchronized long count(String text) {
        return lines.stream().filter(l -> l.text().contains(text)).count();
    }

    @Override
    public synchronized String toString() {
        List<String> all = new ArrayList<>();
        lines.forEach(l -> all.add(l.text()));
        return String.join("\n", all);
    }
}
