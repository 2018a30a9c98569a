package dev.sluice.aws.s3;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A bucket and a key. The key is taken literally: {@code s3://b/in/my+file.csv} names the key
 * {@code in/my+file.csv}, and a space is a space. (S3 event notifications URL-encode keys, with '+'
 * for a space; decoding them is the event parser's job, not this one's.)
 */
public record S3Location(String bucket, String key) {
    private static final String SCHEME = "s3://";
    private static final int MAX_KEY_BYTES = 1024;

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        requireBucket(bucket);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("s3://" + bucket + "/: no object key");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("s3://" + bucket + "/: the key is longer than " + MAX_KEY_BYTES + " bytes");
        }
    }

    /**
     * Parses {@code s3://bucket/key}; everything after the bucket's '/' is the key, as written.
     *
     * @throws IllegalArgumentException for another scheme, a missing bucket or a missing key
     */
    public static S3Location parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no S3 location: expected s3://bucket/key");
        }
        if (!uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("not an S3 location: '" + uri + "': expected s3://bucket/key");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in '" + uri + "': expected s3://bucket/key");
        }
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("no object key in '" + uri + "': expected s3://bucket/key");
        }
        return new S3Location(bucket, rest.substring(slash + 1));
    }

    /** {@code s3://bucket/key}, the key as it is (not URL-encoded). */
    public String uri() {
        return SCHEME + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri();
    }

    /** @throws IllegalArgumentException for a name that cannot be a bucket's */
    static String requireBucket(String bucket) {
        String problem = bucketProblem(bucket);
        if (problem != null) {
            throw new IllegalArgumentException("bad S3 bucket name '" + bucket + "': " + problem);
        }
        return bucket;
    }

    /**
     * Lenient on purpose: names that S3 no longer lets anyone create (upper case, '_', up to 255
     * characters) still exist in us-east-1, and other S3-compatible stores have their own rules.
     */
    private static String bucketProblem(String bucket) {
        if (bucket.length() < 3 || bucket.length() > 255) {
            return "a bucket name has 3 to 63 characters";
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
            if (!ok) {
                return "a bucket name has only letters, digits, '.' and '-'";
            }
        }
        return null;
    }
}
