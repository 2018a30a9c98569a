package dev.sluice.cli.serve;

import dev.sluice.core.pipeline.Pipeline;

/**
 * A file that is ready to import: found in a folder, listed in a bucket, or announced by an S3 event.
 *
 * @param location what {@code sluice import} reads: a local path or {@code s3://bucket/key}
 * @param key      the file's key in its store (relative to the folder, or the bucket key), for moving it
 * @param version  the S3 version id the event named, or null (the newest; a folder's files have none)
 * @param receipt  what to tell the source once the file is handled (delete a queue message), or not
 */
public record Arrival(Pipeline pipeline, String location, String key, String version, Receipt receipt) {

    /** The claim's key: one per pipeline, file and version, so a re-uploaded file is a new claim. */
    public String claimKey() {
        return pipeline.name() + " " + location + (version == null ? "" : "?versionId=" + version);
    }
}
