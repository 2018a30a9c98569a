package dev.sluice.lambda.rejects;

import dev.sluice.core.rejects.RejectsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A file's rejects in S3, beside the file under a prefix: {@code incoming/users.csv} →
 * {@code rejects/incoming/users.rejects.csv}. The engine writes the rejects file locally (in /tmp);
 * this copies it to S3 and back, so a continuation on another machine goes on with it.
 */
public final class S3Rejects {
    private final S3Client s3;
    private final String bucket;
    private final String key;

    public S3Rejects(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    /** Where the rejects of {@code inputKey} go; {@code prefix} is e.g. {@code rejects/}. */
    public static String keyFor(String prefix, String inputKey) {
        return prefix + RejectsFile.nameFor(inputKey);
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * Copies the object to {@code local} and returns its length; a missing object is 0 bytes and no
     * local file.
     */
    public long download(Path local) throws IOException {
        Files.deleteIfExists(local);
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchKeyException e) {
            return 0;
        }
    }

    /** Replaces the object with the first {@code length} bytes of {@code local} (the whole file). */
    public void upload(Path local, long length) throws IOException {
        if (Files.size(local) != length) {
            throw new IOException(local + " has " + Files.size(local) + " bytes, the checkpoint " + length);
        }
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromFile(local));
    }

    /** Removes the object (the rejects of an earlier version of the file), if there is one. */
    public void delete() {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
}
