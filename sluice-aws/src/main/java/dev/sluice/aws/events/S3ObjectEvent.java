package dev.sluice.aws.events;

/**
 * One "object created" record of an S3 event notification.
 *
 * @param key       the object key, URL-decoded (S3 sends {@code my+file%2B1.csv} for {@code my file+1.csv})
 * @param versionId the version the event is about, or null in a bucket without versioning
 * @param eTag      the object's ETag without quotes, or null
 */
public record S3ObjectEvent(String eventName, String bucket, String key, String versionId, String eTag, long size) {

    /** {@code s3://bucket/key}. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
