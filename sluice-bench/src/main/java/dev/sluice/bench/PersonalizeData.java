package dev.sluice.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A related_items connector job like a retailer's: batch output with one line per query item and 25
 * related items each (drawn from the catalog, 1 in 200 not in it), a user-item mapping, and item
 * metadata for the catalog. Seeded, so every run reads the same bytes.
 */
final class PersonalizeData {
    private static final String[] CATEGORIES = {"accessories", "apparel", "footwear", "jewelry", "outdoors", "beauty"};
    private static final String[] STYLES = {"backpack", "jacket", "sneaker", "ring", "tent", "serum", "scarf"};

    private PersonalizeData() {
    }

    /** The job folder {@code root/etl_jobs/related_items/bench/}, written unless the marker says it has these sizes. */
    static Path ensure(Path root, int lines, int mappings, int items) throws IOException {
        Path job = root.resolve("etl_jobs/related_items/bench");
        Path marker = root.resolve("sizes");
        String sizes = lines + " " + mappings + " " + items;
        if (Files.exists(marker) && Files.readString(marker).equals(sizes)) {
            return job;
        }
        Files.createDirectories(job.resolve("input/user_item_mapping"));
        Files.createDirectories(job.resolve("input/item_metadata"));
        Files.createDirectories(root.resolve("batch/out"));
        Files.writeString(job.resolve("config.json"), """
                {"batchInferencePath": "../../../batch/out/", "performDeltaCheck": true, "saveBatchInferenceErrors": true,
                 "connectors": {"braze": {"itemMetadataFields": ["name", "category", "style", "price"],
                                          "attributePrefix": "recs_", "otherAttributes": {"source": "personalize"}}}}
                """);
        Random random = new Random(42);
        try (BufferedWriter out = writer(root.resolve("batch/out/job_config.json.out"))) {
            for (int q = 0; q < lines; q++) {
                out.write("{\"input\":{\"itemId\":\"q");
                out.write(Integer.toString(q));
                out.write("\"},\"output\":{\"recommendedItems\":[");
                for (int r = 0; r < 25; r++) {
                    out.write(r == 0 ? "\"" : ",\"");
                    out.write(random.nextInt(200) == 0 ? "gone" + random.nextInt(1000) : "i" + random.nextInt(items));
                    out.write('"');
                }
                out.write("]}}\n");
            }
        }
        try (BufferedWriter out = writer(job.resolve("input/user_item_mapping/mapping.csv"))) {
            out.write("USER_ID,ITEM_ID\n");
            for (int m = 0; m < mappings; m++) {
                out.write("user" + m + ",q" + random.nextInt(lines) + "\n");
            }
        }
        try (BufferedWriter out = writer(job.resolve("input/item_metadata/items.json"))) {
            for (int i = 0; i < items; i++) {
                out.write(String.format(Locale.ROOT, "{\"id\":\"i%d\",\"name\":\"Item %d\",\"category\":\"%s\",\"style\":\"%s\","
                                + "\"price\":%d.%02d,\"current_stock\":%d,\"image\":\"https://img.example.com/i%d.jpg\"}%n",
                        i, i, CATEGORIES[random.nextInt(CATEGORIES.length)], STYLES[random.nextInt(STYLES.length)],
                        5 + random.nextInt(300), random.nextInt(100), random.nextInt(50), i));
            }
        }
        Files.writeString(marker, sizes);
        return job;
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
