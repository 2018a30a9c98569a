package dev.sluice.aws.s3;

import dev.sluice.testkit.S3Server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

class S3SourceTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server();

    private final RequestLog log = new RequestLog();
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void setUp() {
        s3 = S3.client(log);
        bucket = S3.newBucket();
    }

    @Test
    void identityIsTheUriAndTheEtag() throws IOException {
        byte[] content = bytes(1000, 1);
        S3.put(bucket, "in/data.csv", content);
        String etag = s3.headObject(b -> b.bucket(bucket).key("in/data.csv")).eTag();
        log.clear();

        S3Source source = S3Source.open(s3, new S3Location(bucket, "in/data.csv"));

        assertThat(source.name()).isEqualTo("s3://" + bucket + "/in/data.csv");
        assertThat(source.uri()).isEqualTo(source.name());
        assertThat(source.size()).isEqualTo(1000);
        assertThat(etag).startsWith("\"");
        assertThat(source.version()).isEqualTo(etag.substring(1, etag.length() - 1)).isEqualTo(source.etag()).isNotBlank();
        assertThat(source.versionId()).isNull();
        assertThat(source.compressed()).isFalse();
        assertThat(RequestLog.operations(log.all())).containsExactly("HeadObject", "GetObject");
        assertThat(log.of("GetObject").get(0).range()).isEqualTo("bytes=0-1");
    }

    @Test
    void aChangedObjectHasAnotherVersion() throws IOException {
        S3.put(bucket, "data.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        String before = S3Source.open(s3, new S3Location(bucket, "data.csv")).version();
        S3.put(bucket, "data.csv", "a\n2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(S3Source.open(s3, new S3Location(bucket, "data.csv")).version()).isNotEqualTo(before);
    }

    @Test
    void opensAtAnOffsetWithARangedGet() throws IOException {
        byte[] content = bytes(300_000, 2);
        S3.put(bucket, "big.csv", content);
        S3Source source = S3Source.open(s3, new S3Location(bucket, "big.csv"));

        for (int offset : new int[] {0, 1, 65_536, 299_999}) {
            log.clear();
            try (InputStream in = source.open(offset)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, offset, content.length));
            }
            assertThat(log.all()).singleElement().satisfies(sent -> {
                assertThat(sent.operation()).isEqualTo("GetObject");
                assertThat(sent.range()).isEqualTo("bytes=" + offset + "-");
            });
        }
    }

    @Test
    void atTheEndTheStreamIsEmptyAndNothingIsSent() throws IOException {
        S3.put(bucket, "data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        S3.put(bucket, "empty.csv", new byte[0]);
        S3Source data = S3Source.open(s3, new S3Location(bucket, "data.csv"));
        S3Source empty = S3Source.open(s3, new S3Location(bucket, "empty.csv"));
        log.clear();

        try (InputStream in = data.open(8)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        try (InputStream in = empty.open(0)) {
            assertThat(in.read()).isEqualTo(-1);
        }

        assertThat(empty.size()).isZero();
        assertThat(log.all()).isEmpty();
        // what S3 would have answered, for the record: a range that starts at the end is not satisfiable
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("data.csv").range("bytes=8-")).close())
                .hasMessageContaining("416");
    }

    @Test
    void pastTheEndIsAnEofError() throws IOException {
        S3.put(bucket, "data.csv", bytes(10, 3));
        S3Source source = S3Source.open(s3, new S3Location(bucket, "data.csv"));
        log.clear();

        assertThatThrownBy(() -> source.open(11)).isInstanceOf(EOFException.class)
                .hasMessage("s3://" + bucket + "/data.csv: cannot open at byte 11, the object has 10 bytes");
        assertThatThrownBy(() -> source.open(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.all()).isEmpty();
    }

    @Test
    void aMissingObjectIsANoSuchFileError() {
        assertThatThrownBy(() -> S3Source.open(s3, new S3Location(bucket, "in/missing.csv")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage("s3://" + bucket + "/in/missing.csv: no such object");
        assertThatThrownBy(() -> S3Source.open(s3, new S3Location("no-such-bucket", "in/missing.csv")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageStartingWith("s3://no-such-bucket/in/missing.csv: no such");
    }

    @Test
    void aGzipObjectIsRecognisedByItsMagicBytesAndDecodedFromTheStart() throws IOException {
        byte[] plain = bytes(200_000, 4);
        S3.put(bucket, "export/data", gzip(plain)); // no .gz in the name
        S3Source source = S3Source.open(s3, new S3Location(bucket, "export/data"));

        assertThat(source.compressed()).isTrue();
        assertThat(source.size()).isLessThan(plain.length + 100L);
        for (int offset : new int[] {0, 70_000, 200_000}) {
            log.clear();
            try (InputStream in = source.open(offset)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(plain, offset, plain.length));
            }
            assertThat(log.all()).singleElement().satisfies(sent -> assertThat(sent.range()).isNull());
        }
        assertThatThrownBy(() -> source.open(200_001)).isInstanceOf(EOFException.class)
                .hasMessageEndingWith("cannot open at byte 200001, the decompressed object has 200000 bytes");
    }

    @Test
    void aTinyObjectIsGzipByItsName() throws IOException {
        S3.put(bucket, "x.csv.gz", new byte[0]);
        S3.put(bucket, "x.csv", new byte[] {0x1f});
        assertThat(S3Source.open(s3, new S3Location(bucket, "x.csv.gz")).compressed()).isTrue();
        assertThat(S3Source.open(s3, new S3Location(bucket, "x.csv")).compressed()).isFalse();
        try (InputStream in = S3Source.open(s3, new S3Location(bucket, "x.csv.gz")).open(0)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anObjectOverwrittenAfterOpeningIsNotMixedIn() throws IOException {
        S3.put(bucket, "data.csv", "a\n1\n2\n".getBytes(StandardCharsets.UTF_8));
        S3Source source = S3Source.open(s3, new S3Location(bucket, "data.csv"));
        S3.put(bucket, "data.csv", "a\n3\n4\n5\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> source.open(2)).isInstanceOf(IOException.class)
                .hasMessageContaining("s3://" + bucket + "/data.csv: the object changed after it was opened");
        assertThat(log.of("GetObject").get(log.of("GetObject").size() - 1).http().firstMatchingHeader("If-Match"))
                .contains("\"" + source.etag() + "\"");
    }

    /** A server that ignores Range (200 with the whole object) is handled by dropping the prefix here. */
    @Test
    void aServerThatIgnoresTheRangeStillYieldsTheTail() throws IOException {
        byte[] content = bytes(100_000, 5);
        S3.put(bucket, "data.csv", content);
        S3Client rangeBlind = S3.client(new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().removeHeader("Range").build();
            }
        });
        S3Source source = S3Source.open(rangeBlind, new S3Location(bucket, "data.csv"));
        try (InputStream in = source.open(99_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 99_000, content.length));
        }
    }

    /**
     * S3Proxy has no object versions (it answers 501 to a versionId), so this test fakes them on the
     * client, and says so: an interceptor notes each request's versionId and removes it before it is
     * sent, and can add {@code x-amz-version-id} to HeadObject answers, as a versioned bucket would.
     */
    static final class FakeVersions implements ExecutionInterceptor {
        final java.util.List<String> sentVersionIds = new java.util.ArrayList<>();
        final java.util.List<String> sentIfMatch = new java.util.ArrayList<>();
        String headVersionId;

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest http = context.httpRequest();
            sentVersionIds.add(http.firstMatchingRawQueryParameter("versionId").orElse(null));
            sentIfMatch.add(http.firstMatchingHeader("If-Match").orElse(null));
            return http.toBuilder().removeQueryParameter("versionId").build();
        }

        @Override
        public software.amazon.awssdk.http.SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                ExecutionAttributes attributes) {
            if (headVersionId != null && context.httpRequest().method() == software.amazon.awssdk.http.SdkHttpMethod.HEAD) {
                return context.httpResponse().toBuilder().putHeader("x-amz-version-id", headVersionId).build();
            }
            return context.httpResponse();
        }
    }

    @Test
    void aRequestedVersionIsTheVersionAndEveryReadAsksForIt() throws IOException {
        S3.put(bucket, "data.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        FakeVersions versions = new FakeVersions();
        S3Client client = S3.client(versions);

        S3Source source = S3Source.open(client, new S3Location(bucket, "data.csv"), "v-123");
        try (InputStream in = source.open(2)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1\n");
        }

        assertThat(source.version()).isEqualTo("v-123");
        assertThat(source.versionId()).isEqualTo("v-123");
        assertThat(versions.sentVersionIds).containsExactly("v-123", "v-123", "v-123"); // HEAD, magic bytes, tail
        assertThat(versions.sentIfMatch).containsOnlyNulls();
    }

    @Test
    void inAVersionedBucketTheCurrentVersionIdIsTheVersionAndPinsTheReads() throws IOException {
        S3.put(bucket, "data.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        FakeVersions versions = new FakeVersions();
        versions.headVersionId = "v-9";
        S3Client client = S3.client(versions);

        S3Source source = S3Source.open(client, new S3Location(bucket, "data.csv"));
        source.open(2).close();
        assertThat(source.version()).isEqualTo("v-9");
        assertThat(versions.sentVersionIds).containsExactly(null, "v-9", "v-9");

        versions.headVersionId = "null"; // written while versioning was off or suspended: not an identity
        S3Source unversioned = S3Source.open(client, new S3Location(bucket, "data.csv"));
        assertThat(unversioned.versionId()).isNull();
        assertThat(unversioned.version()).isEqualTo(unversioned.etag());
    }

    @Test
    void keysWithSpacesAndPlusSignsAreTakenLiterally() throws IOException {
        S3.put(bucket, "in/my file+1.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        S3Source source = S3Source.open(s3, S3Location.parse("s3://" + bucket + "/in/my file+1.csv"));
        assertThat(source.name()).isEqualTo("s3://" + bucket + "/in/my file+1.csv");
        try (InputStream in = source.open(2)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1\n");
        }
        assertThatThrownBy(() -> S3Source.open(s3, S3Location.parse("s3://" + bucket + "/in/my+file+1.csv")))
                .isInstanceOf(NoSuchFileException.class);
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }
}
