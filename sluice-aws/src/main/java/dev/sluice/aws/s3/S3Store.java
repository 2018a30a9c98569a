package dev.sluice.aws.s3;

import dev.sluice.core.source.ObjectInfo;
import dev.sluice.core.source.ObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A bucket prefix as an {@link ObjectStore}. Keys are relative to the prefix: in
 * {@code S3Store.of(s3, "b", "incoming")} the key {@code a.csv} is the object {@code incoming/a.csv}
 * and {@code move("a.csv", "done/a.csv")} renames it to {@code incoming/done/a.csv}.
 *
 * <ul>
 *   <li>{@link #list}: ListObjectsV2, every page; a version is the object's ETag (a listing has no
 *       versionIds); zero-byte keys ending in '/' (folder markers) are left out.</li>
 *   <li>{@link #put}: one PutObject up to 16 MiB; above, a multipart upload (CreateMultipartUpload,
 *       UploadPart with 8 MiB parts, more when the file needs over 10,000 of them, and
 *       CompleteMultipartUpload; aborted on failure so no invisible parts stay billed). Parts carry
 *       CRC32 checksums that S3 checks.</li>
 *   <li>{@link #move}: CopyObject + DeleteObject; above 5 GiB, the most CopyObject takes, a multipart
 *       copy (UploadPartCopy). Not atomic: a failure between the two leaves the object at both keys, and
 *       the error says so.</li>
 * </ul>
 */
public final class S3Store implements ObjectStore {
    private static final long MIB = 1024 * 1024;
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long multipartThreshold;
    private final long partBytes;
    private final long copyThreshold;
    private final long copyPartBytes;

    S3Store(S3Client s3, String bucket, String prefix, long multipartThreshold, long partBytes, long copyThreshold,
            long copyPartBytes) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = S3Location.requireBucket(Objects.requireNonNull(bucket, "bucket"));
        this.prefix = normalizePrefix(prefix);
        this.multipartThreshold = multipartThreshold;
        this.partBytes = partBytes;
        this.copyThreshold = copyThreshold;
        this.copyPartBytes = copyPartBytes;
    }

    /**
     * @param prefix null or "" for the whole bucket; a leading '/' is dropped and a missing trailing '/' is
     *               added, so {@code incoming} and {@code /incoming/} both mean the "folder" {@code incoming/}
     */
    public static S3Store of(S3Client s3, String bucket, String prefix) {
        return new S3Store(s3, bucket, prefix, 16 * MIB, 8 * MIB, 5L * 1024 * MIB, 512 * MIB);
    }

    @Override
    public List<ObjectInfo> list(String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "prefix");
        List<ObjectInfo> found = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
                long size = o.size() == null ? 0 : o.size();
                if (o.key().endsWith("/") && size == 0) {
                    continue;
                }
                found.add(new ObjectInfo(o.key().substring(prefix.length()), size, unquote(o.eTag()), o.lastModified()));
            }
        } catch (SdkException e) {
            IOException failure = S3Errors.translate(describe() + keyPrefix, "ListObjectsV2", e);
            throw new UncheckedIOException(failure.getMessage(), failure);
        }
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public S3Source object(String key) throws IOException {
        return S3Source.open(s3, location(key));
    }

    @Override
    public void put(String key, Path file) throws IOException {
        S3Location target = location(key);
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file) ? new IOException(file + ": not a regular file")
                    : new NoSuchFileException(file.toString(), null, "no such file");
        }
        long size = Files.size(file);
        if (size <= multipartThreshold) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(target.key()), RequestBody.fromFile(file));
            } catch (SdkException e) {
                throw S3Errors.translate(target.uri(), "PutObject", e);
            }
            return;
        }
        long part = partSize(size, partBytes);
        String uploadId = createMultipart(target, ChecksumAlgorithm.CRC32, null);
        List<CompletedPart> parts = new ArrayList<>();
        try {
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                long start = offset;
                long length = Math.min(part, size - offset);
                int partNumber = number;
                UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(target.key()).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromContentProvider(() -> slice(file, start, length), length, "application/octet-stream"));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(target.key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            throw abort(target, uploadId, S3Errors.translate(target.uri(), "multipart upload (part " + (parts.size() + 1) + ")", e));
        } catch (UncheckedIOException e) {
            throw abort(target, uploadId, new IOException(target.uri() + ": cannot read " + file + ": " + e.getCause().getMessage(), e));
        } catch (RuntimeException | Error e) {
            abort(target, uploadId, null);
            throw e;
        }
    }

    @Override
    public void move(String fromKey, String toKey) throws IOException {
        S3Location from = location(fromKey);
        S3Location to = location(toKey);
        if (from.equals(to)) {
            return;
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(from.key()));
        } catch (SdkException e) {
            throw S3Errors.translate(from.uri(), "HeadObject", e);
        }
        long size = head.contentLength() == null ? 0 : head.contentLength();
        if (size <= copyThreshold) {
            try {
                s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from.key()).destinationBucket(bucket).destinationKey(to.key()));
            } catch (SdkException e) {
                throw S3Errors.translate(from.uri(), "CopyObject to " + to.uri(), e);
            }
        } else {
            copyMultipart(from, to, head, size);
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(from.key()));
        } catch (SdkException e) {
            IOException failure = S3Errors.translate(from.uri(), "DeleteObject", e);
            throw new IOException(failure.getMessage() + "; it was copied to " + to.uri() + ", so it is now at both keys", e);
        }
    }

    /** {@code s3://bucket/prefix/} ({@code s3://bucket/} for a whole bucket). */
    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return describe();
    }

    private void copyMultipart(S3Location from, S3Location to, HeadObjectResponse head, long size) throws IOException {
        long part = partSize(size, copyPartBytes);
        String uploadId = createMultipart(to, null, head);
        List<CompletedPart> parts = new ArrayList<>();
        try {
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                String range = "bytes=" + offset + "-" + (Math.min(offset + part, size) - 1);
                int partNumber = number;
                UploadPartCopyResponse r = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from.key())
                        .copySourceIfMatch(head.eTag()).copySourceRange(range)
                        .destinationBucket(bucket).destinationKey(to.key()).uploadId(uploadId).partNumber(partNumber));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(r.copyPartResult().eTag()).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(to.key()).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            throw abort(to, uploadId, S3Errors.translate(from.uri(), "multipart copy to " + to.uri() + " (part " + (parts.size() + 1) + ")", e));
        } catch (RuntimeException | Error e) {
            abort(to, uploadId, null);
            throw e;
        }
    }

    /** @param like the object whose content type and user metadata the new one keeps, or null */
    private String createMultipart(S3Location target, ChecksumAlgorithm checksum, HeadObjectResponse like) throws IOException {
        try {
            return s3.createMultipartUpload(b -> {
                b.bucket(bucket).key(target.key()).checksumAlgorithm(checksum);
                if (like != null) {
                    b.contentType(like.contentType()).contentEncoding(like.contentEncoding()).metadata(like.metadata());
                }
            }).uploadId();
        } catch (SdkException e) {
            throw S3Errors.translate(target.uri(), "CreateMultipartUpload", e);
        }
    }

    /** Aborts the upload and returns {@code failure}, with an abort that failed too attached to it. */
    private IOException abort(S3Location target, String uploadId, IOException failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(target.key()).uploadId(uploadId));
        } catch (SdkException e) {
            if (failure != null) {
                failure.addSuppressed(new IOException(target.uri() + ": could not abort multipart upload " + uploadId
                        + " (a bucket lifecycle rule for incomplete uploads removes it): " + e.getMessage(), e));
            }
        }
        return failure;
    }

    /** The part size: at least {@code preferred}, and large enough (whole MiB) that there are at most 10,000 parts. */
    static long partSize(long size, long preferred) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        long rounded = (needed + MIB - 1) / MIB * MIB;
        return Math.max(preferred, rounded);
    }

    private S3Location location(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException(describe() + ": empty key");
        }
        return new S3Location(bucket, prefix + key);
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** {@code length} bytes of a file from {@code start}, for one part; the SDK opens a new one for each attempt. */
    private static InputStream slice(Path file, long start, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(start);
            return new Bounded(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag == null ? "" : etag;
    }

    /** At most {@code left} bytes of a stream. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
