package dev.sluice.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A users file like a growth team exports: external_id and 10 attribute columns of every kind
 * (strings, a quoted field with a comma, ints, decimals, booleans, dates, arrays). Seeded, so every
 * run imports the same bytes.
 */
final class UsersCsv {
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Edsger", "Barbara"};
    private static final String[] CITIES = {"London", "\"Arlington, VA\"", "Helsinki", "Boston", "Zürich", "São Paulo"};
    private static final String[] PLANS = {"free", "pro", "team", "enterprise"};
    private static final String[] TAGS = {"'red'", "'blue'", "'green'", "'gold'"};

    private UsersCsv() {
    }

    /** Writes {@code rows} users to {@code file} unless it already holds exactly that many. */
    static Path ensure(Path file, int rows) throws IOException {
        Path marker = file.resolveSibling(file.getFileName() + ".rows");
        if (Files.exists(file) && Files.exists(marker) && Files.readString(marker).equals(String.valueOf(rows))) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("external_id,first_name,email,home_city,zip_code,age,score,vip,plan,signed_up_at,tags\n");
            for (int i = 1; i <= rows; i++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                out.write(String.format("%08d,%s,%s.%d@example.com,%s,%05d,%d,%d.%02d,%b,%s,2024-%02d-%02dT10:00:00Z,\"[%s, %s]\"%n",
                        i, first, first.toLowerCase(), i, CITIES[random.nextInt(CITIES.length)], random.nextInt(100000),
                        18 + random.nextInt(70), random.nextInt(1000), random.nextInt(100), random.nextBoolean(),
                        PLANS[random.nextInt(PLANS.length)], 1 + random.nextInt(12), 1 + random.nextInt(28),
                        TAGS[random.nextInt(TAGS.length)], TAGS[random.nextInt(TAGS.length)]));
            }
        }
        Files.writeString(marker, String.valueOf(rows));
        return file;
    }
}
