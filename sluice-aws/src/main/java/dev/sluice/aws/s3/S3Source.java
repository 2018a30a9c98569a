package dev.sluice.aws.s3;

import dev.sluice.core.source.SourceObject;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object as a Sluice source: identity = {@code s3://bucket/key} + (versionId, else ETag); reads by
 * byte range.
 *
 * <p>{@link #open(S3Client, S3Location)} sends one HeadObject (size, ETag, versionId) and, for an object
 * of 2 bytes or more, one 2-byte ranged GET for the gzip magic bytes {@code 1f 8b} (whatever the key's
 * name, as {@code LocalFile} does; an object under 2 bytes is taken for gzip when its key ends in
 * {@code .gz}). Every later read is pinned to what was described: to its versionId in a versioned
 * bucket, else to its ETag ({@code If-Match}), so an object overwritten in between fails with a clear
 * error instead of mixing two contents.
 */
public final class S3Source implements SourceObject {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final S3Client s3;
    private final S3Location location;
    private final long size;
    private final String etag;      // as S3 sends it, quotes included, for If-Match
    private final String versionId; // null in an unversioned bucket
    private final String version;
    private final boolean gzip;

    private S3Source(S3Client s3, S3Location location, long size, String etag, String versionId, String version, boolean gzip) {
        this.s3 = s3;
        this.location = location;
        this.size = size;
        this.etag = etag;
        this.versionId = versionId;
        this.version = version;
        this.gzip = gzip;
    }

    /**
     * The object's current version.
     *
     * @throws NoSuchFileException "s3://b/k: no such object" when there is no such object (or bucket)
     * @throws IOException         when S3 refuses (the message has the status and S3's error code) or
     *                             cannot be reached
     */
    public static S3Source open(S3Client s3, S3Location location) throws IOException {
        return open(s3, location, null);
    }

    /**
     * A specific version, e.g. the {@code versionId} of an S3 event; null for the current one.
     *
     * @throws NoSuchFileException when there is no such object or version
     */
    public static S3Source open(S3Client s3, S3Location location, String versionId) throws IOException {
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(location, "location");
        String requested = versionId == null || versionId.isBlank() ? null : versionId;
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(location.bucket()).key(location.key()).versionId(requested));
        } catch (SdkException e) {
            IOException failure = S3Errors.translate(location.uri(), "HeadObject", e);
            if (failure instanceof NoSuchFileException && requested != null) {
                throw (IOException) new NoSuchFileException(location.uri(), null, "no such object version " + requested)
                        .initCause(e);
            }
            throw failure;
        }
        long size = head.contentLength() == null ? 0 : head.contentLength();
        String version = head.versionId();
        if (version == null || version.isEmpty() || version.equals("null")) {
            // "null" is the version of an object written while versioning was off: it does not change with the content
            version = requested;
        }
        String identity = version != null ? version
                : head.eTag() != null ? unquote(head.eTag())
                : size + "-" + (head.lastModified() == null ? 0 : head.lastModified().toEpochMilli()); // a store without ETags
        S3Source plain = new S3Source(s3, location, size, head.eTag(), version, identity, false);
        boolean gzip = size < 2 ? location.key().toLowerCase(Locale.ROOT).endsWith(".gz") : plain.startsWithGzipMagic();
        return gzip ? new S3Source(s3, location, size, head.eTag(), version, identity, true) : plain;
    }

    /** The {@code s3://} URI. */
    @Override
    public String name() {
        return location.uri();
    }

    @Override
    public String uri() {
        return location.uri();
    }

    public S3Location location() {
        return location;
    }

    @Override
    public long size() {
        return size;
    }

    /** The versionId in a versioned bucket, else the ETag without its quotes. */
    @Override
    public String version() {
        return version;
    }

    /** The ETag without its quotes: a multipart object's ends in "-" and its number of parts. */
    public String etag() {
        return unquote(etag);
    }

    /** Null in an unversioned bucket. */
    public String versionId() {
        return versionId;
    }

    @Override
    public boolean compressed() {
        return gzip;
    }

    /**
     * A plain object is read with {@code Range: bytes=offset-}, so nothing before {@code offset} is
     * downloaded; at {@code offset == size} the stream is empty and S3 is not called (S3 answers 416
     * InvalidRange for a range that starts at the end, even of an empty object). A gzip object cannot be
     * entered in the middle: it is downloaded from byte 0, decompressed, and the first {@code offset}
     * decoded bytes are discarded, so resuming a gzip object re-reads its compressed prefix.
     */
    @Override
    public InputStream open(long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException(name() + ": negative offset " + offset);
        }
        if (gzip) {
            return openGzip(offset);
        }
        if (offset > size) {
            throw new EOFException(name() + ": cannot open at byte " + offset + ", the object has " + size + " bytes");
        }
        if (offset == size) {
            return InputStream.nullInputStream();
        }
        ResponseInputStream<GetObjectResponse> body = get("bytes=" + offset + "-");
        try {
            String contentRange = body.response().contentRange();
            if (contentRange == null) {
                // a server that ignores Range sends the whole object with 200: drop the prefix here
                discard(body, offset, "the object");
            } else if (!contentRange.startsWith("bytes " + offset + "-")) {
                throw new IOException(name() + ": asked for bytes " + offset + "- and got " + contentRange);
            }
            return new BufferedInputStream(body, BUFFER_BYTES);
        } catch (IOException | RuntimeException e) {
            body.abort();
            body.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return name();
    }

    private InputStream openGzip(long offset) throws IOException {
        if (size == 0) {
            // nothing to decode (and nothing to download)
            if (offset > 0) {
                throw new EOFException(name() + ": cannot open at byte " + offset + ", the decompressed object has 0 bytes");
            }
            return InputStream.nullInputStream();
        }
        ResponseInputStream<GetObjectResponse> body = get(null);
        InputStream decoded = null;
        try {
            try {
                decoded = new GZIPInputStream(new BufferedInputStream(body, BUFFER_BYTES), BUFFER_BYTES);
            } catch (ZipException | EOFException e) {
                throw new ZipException(name() + ": not a gzip stream: " + e.getMessage());
            }
            discard(decoded, offset, "the decompressed object");
            return decoded;
        } catch (IOException | RuntimeException e) {
            body.abort();
            (decoded == null ? body : decoded).close();
            throw e;
        }
    }

    /** A GET of this version (or this ETag), with {@code range} unless it is null. */
    private ResponseInputStream<GetObjectResponse> get(String range) throws IOException {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).range(range);
        if (versionId != null) {
            request.versionId(versionId);
        } else if (etag != null) {
            request.ifMatch(etag);
        }
        try {
            return s3.getObject(request.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new IOException(name() + ": the object changed after it was opened (it had ETag " + etag()
                        + "); open it again", e);
            }
            throw S3Errors.translate(name(), "GetObject", e);
        } catch (SdkException e) {
            throw S3Errors.translate(name(), "GetObject", e);
        }
    }

    private boolean startsWithGzipMagic() throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = get("bytes=0-1")) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b;
        }
    }

    /** Reads and drops {@code count} bytes; GZIPInputStream.skip would inflate through a 512-byte buffer. */
    private void discard(InputStream in, long count, String what) throws IOException {
        byte[] sink = new byte[(int) Math.min(BUFFER_BYTES, Math.max(count, 1))];
        long left = count;
        while (left > 0) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                throw new EOFException(name() + ": cannot open at byte " + count + ", " + what + " has " + (count - left) + " bytes");
            }
            left -= n;
        }
    }

    private static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
