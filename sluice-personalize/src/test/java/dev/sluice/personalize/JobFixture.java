package dev.sluice.personalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.decorate.Json;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.job.JobFolder;
import dev.sluice.personalize.run.Delivery;
import dev.sluice.personalize.run.JobReport;
import dev.sluice.personalize.run.PersonalizeJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A job folder on disk laid out as the seed's bucket: {@code etl_jobs/<type>/<name>/} with its
 * config.json and inputs, and the batch output in {@code batch/…/}.
 */
public final class JobFixture {
    /** The seed README's related-items example. */
    public static final String README_BATCH = """
            {"input": {"itemId": "105"}, "output": {"recommendedItems": ["106", "107", "49"]}}
            {"input": {"itemId": "106"}, "output": {"recommendedItems": ["105", "107", "49"]}}
            {"input": {"itemId": "441"}, "output": {"recommendedItems": ["2", "442", "435"]}}
            """;
    public static final String README_MAPPING = """
            USER_ID,ITEM_ID
            123,105
            124,105
            234,106
            235,441
            """;
    public static final Instant CLOCK = Instant.parse("2022-06-06T11:58:19Z");

    private final Path root;
    private final Path job;
    private final List<String> warnings = new ArrayList<>();

    private JobFixture(Path root, String type, String name) {
        this.root = root;
        this.job = root.resolve("etl_jobs").resolve(type).resolve(name);
    }

    public static JobFixture relatedItems(Path root) {
        return new JobFixture(root, "related_items", "job1");
    }

    public static JobFixture userPersonalization(Path root) {
        return new JobFixture(root, "user_personalization", "job1");
    }

    /** A job folder of any type folder name. */
    public static JobFixture ofType(Path root, String type) {
        return new JobFixture(root, type, "job1");
    }

    public Path job() {
        return job;
    }

    public Path root() {
        return root;
    }

    /** config.json with the batch output in {@code ../../../batch/out/} and {@code connectors} as given. */
    public JobFixture config(String connectorsAndMore) {
        return write("config.json", "{\"batchInferencePath\": \"../../../batch/out/\", " + connectorsAndMore + "}");
    }

    public JobFixture batch(String jsonLines) {
        return batch("job_config.json.out", jsonLines);
    }

    public JobFixture batch(String name, String content) {
        write(root.resolve("batch/out").resolve(name), content);
        return this;
    }

    public JobFixture mapping(String csv) {
        return write("input/user_item_mapping/mapping.csv", csv);
    }

    public JobFixture metadata(String jsonLines) {
        return write("input/item_metadata/items.json", jsonLines);
    }

    public JobFixture write(String relative, String content) {
        write(job.resolve(relative), content);
        return this;
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JobReport run() throws IOException {
        return run(CLOCK, Delivery.NONE);
    }

    public JobReport run(Instant now, Delivery delivery) throws IOException {
        JobFolder folder = JobFolder.load(Folder.local(job), uri -> {
            throw new AssertionError("no S3 here: " + uri);
        });
        return PersonalizeJob.run(folder, PersonalizeJob.Options.defaults(now, warnings::add), delivery);
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The rows of every output file of a connector under {@code partition} (e.g. {@code year=2022/…/}). */
    public List<JsonNode> output(String connector, String partition) {
        return jsonLines(job.resolve("output").resolve(connector).resolve(partition));
    }

    /** The rows of every file under a folder of the job, in file-name order. */
    public static List<JsonNode> jsonLines(Path folder) {
        List<JsonNode> rows = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    rows.add(Json.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    public static final String PARTITION = "year=2022/month=06/day=06/time=115819";
}
