package dev.sluice.core.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code source:}, where a pipeline's files come from: exactly one of {@link #folder} and {@link #bucketUri}.
 *
 * @param folder    a local directory, absolute (resolved against the pipelines file's directory), or null
 * @param bucketUri {@code s3://bucket} or {@code s3://bucket/prefix} as written, or null
 * @param queueUrl  with a bucket only: the SQS queue that receives the bucket's event notifications; null to
 *                  poll
 * @param poll      how often to look (a folder, or a bucket without a queue); null when not set (the
 *                  runtime's default); more than zero
 * @param prefix    only files whose path relative to the folder, or whose key after the bucket URI's prefix,
 *                  starts with this; empty when not set, never null
 * @param suffixes  only files whose name ends with one of these; {@code [".csv"]} when not set, never empty
 * @param done      where a finished file is moved, relative to where it was found; {@code done/} when not set
 * @param failed    where a failed file is moved, relative to where it was found; {@code failed/} when not set
 */
public record Source(Path folder, String bucketUri, String queueUrl, Duration poll, String prefix,
        List<String> suffixes, String done, String failed) {

    public static final List<String> DEFAULT_SUFFIXES = List.of(".csv");
    public static final String DEFAULT_DONE = "done/";
    public static final String DEFAULT_FAILED = "failed/";

    public Source {
        suffixes = suffixes == null || suffixes.isEmpty() ? DEFAULT_SUFFIXES : List.copyOf(suffixes);
        prefix = prefix == null ? "" : prefix;
        done = done == null ? DEFAULT_DONE : done;
        failed = failed == null ? DEFAULT_FAILED : failed;
    }

    /** The bucket of {@link #bucketUri}, or null for a folder. */
    public String bucketName() {
        if (bucketUri == null) {
            return null;
        }
        String rest = bucketUri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The key prefix of {@link #bucketUri} ({@code users/} for {@code s3://b/users/}), empty for none, null for a folder. */
    public String bucketPrefix() {
        if (bucketUri == null) {
            return null;
        }
        String rest = bucketUri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash + 1);
    }

    /** Whether a name (a file name or key) ends with one of {@link #suffixes}. */
    public boolean matchesSuffix(String name) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
