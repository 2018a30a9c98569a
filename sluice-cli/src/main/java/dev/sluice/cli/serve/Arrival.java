package dev.sluice.cli.serve;

import dev.sluice.core.pipeline.Pipeline;

/**
 * A file that is ready to import: found in a folder, listed in a bucket, or announced by an S3 event.
 *
 * @param location what {@code sluice import} reads: a local path or {@code s3://bucket/key}
 * @param key      the file's key in its store (relative to the folder, or the bucket key), for moving it
 * @param version  the S3 version id the event named, or null (the newest; a folder's files have none)
 * @param identity what changes when the content does: the version id, else the ETag, else size and
 *                 modification time on a disk
 * @param receipt  what to tell the source once the file is handled (delete a queue message), or not
 */
public record Arrival(Pipeline pipeline, String location, String key, String version, String identity,
        Receipt receipt) {

    /**
     * The claim's key: one per pipeline, file and content, so a file written again under the same name
     * (a new export, {@code sluice upload --watch}) is a new claim, while the same event twice is not.
     */
    public String claimKey() {
        return pipeline.name() + " " + location + (identity == null ? "" : " @" + identity);
    }
}
