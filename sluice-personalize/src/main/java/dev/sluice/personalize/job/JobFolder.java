package dev.sluice.personalize.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A connector job: its folder ({@code etl_jobs/<job_type>/<job_name>/}, local or in a bucket), its
 * {@code config.json} and the folder of the batch inference output it reads.
 *
 * <pre>
 * config.json
 * input/user_item_mapping/*.csv     related_items only, required
 * input/item_metadata/*.json(l)     optional
 * errors/year=/month=/day=/time=/   batch lines with a non-null error (saveBatchInferenceErrors)
 * rejects/year=/.../time=/          lines that could not be read, rows the destination refused
 * output/&lt;connector&gt;/year=/month=/day=/time=/part-*.json
 * output/&lt;connector&gt;/state/           the fingerprints of the last successful sync
 * </pre>
 */
public record JobFolder(Folder folder, JobConfig config, Folder batchOutput) {
    public static final String CONFIG = "config.json";
    public static final String MAPPING = "input/user_item_mapping/";
    public static final String METADATA = "input/item_metadata/";

    /**
     * @param s3Folders opens {@code s3://} locations (the batch output may be in another bucket); it throws
     *                  a {@link JobConfigException} when AWS is not configured
     */
    public static JobFolder load(Folder folder, Function<String, Folder> s3Folders) {
        String[] parts = folder.describe().split("/");
        String name = parts[parts.length - 1];
        JobType folderType = parts.length > 1 ? JobType.ofFolder(parts[parts.length - 2]) : null;
        byte[] content;
        try {
            if (!folder.exists(CONFIG)) {
                throw new JobConfigException("no " + CONFIG + " in " + folder.describe()
                        + ": a job folder holds config.json and its input/ folders");
            }
            content = folder.read(CONFIG);
        } catch (IOException e) {
            throw new JobConfigException(folder.describe() + CONFIG + ": cannot read: " + e.getMessage(), e);
        }
        JobConfig config = JobConfigReader.read(content, folder.describe() + CONFIG, folderType, name);
        String path = config.batchInferencePath();
        Folder batch;
        if (path.startsWith("s3://")) {
            batch = s3Folders.apply(path);
        } else if (folder.isLocal()) {
            batch = Folder.local(Path.of(folder.describe()).resolve(path));
        } else {
            throw new JobConfigException(folder.describe() + CONFIG + ": batchInferencePath must be an s3:// path for a"
                    + " job folder in a bucket, not " + path);
        }
        return new JobFolder(folder, config, batch);
    }

    /** {@code output/<connector>/}. */
    public static String output(String connector) {
        return "output/" + connector + "/";
    }
}
