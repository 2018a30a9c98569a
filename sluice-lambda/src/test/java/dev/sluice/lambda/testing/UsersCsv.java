package dev.sluice.lambda.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A users file for Braze: {@code external_id,first_name,score,plan} and one unique user per row.
 * Every {@code brokenEvery}-th row has a field too many, which the engine rejects (it names the line).
 */
public record UsersCsv(byte[] bytes, int rows, List<Long> brokenLines) {
    public static final List<String> HEADER = List.of("external_id", "first_name", "score", "plan");

    public static UsersCsv of(int rows, int brokenEvery) {
        return of(rows, brokenEvery, "u");
    }

    /** Users named {@code idPrefix} + row number, so two files can hold different users. */
    public static UsersCsv of(int rows, int brokenEvery, String idPrefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 32);
        out.writeBytes((String.join(",", HEADER) + "\n").getBytes(StandardCharsets.UTF_8));
        List<Long> broken = new ArrayList<>();
        StringBuilder line = new StringBuilder(64);
        for (int i = 1; i <= rows; i++) {
            line.setLength(0);
            line.append(idPrefix).append(String.format("%07d", i)).append(",Name").append(i).append(',').append(i % 1000).append(',')
                    .append(i % 3 == 0 ? "gold" : "free");
            if (brokenEvery > 0 && i % brokenEvery == 0) {
                line.append(",surplus");
                broken.add(i + 1L); // the header is line 1
            }
            out.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return new UsersCsv(out.toByteArray(), rows, List.copyOf(broken));
    }

    public static String userId(int row) {
        return "u" + String.format("%07d", row);
    }

    /** Rows the destination should accept. */
    public int validRows() {
        return rows - brokenLines.size();
    }

    /** The byte offset where data row {@code row} (1-based) starts. */
    public long offsetOfRow(int row) {
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++line == row) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no row " + row);
    }
}
