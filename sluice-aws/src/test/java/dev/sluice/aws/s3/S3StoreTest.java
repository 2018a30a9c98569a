package dev.sluice.aws.s3;

import dev.sluice.testkit.S3Server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.source.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

class S3StoreTest {
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final S3Server S3 = new S3Server();

    @TempDir
    Path dir;

    private final RequestLog log = new RequestLog();
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void setUp() {
        s3 = S3.client(log);
        bucket = S3.newBucket();
    }

    @Test
    void listsTheKeysUnderAPrefixSortedWithSizesAndEtags() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        S3.put(bucket, "incoming/b.csv", new byte[20]);
        S3.put(bucket, "incoming/a.csv", new byte[10]);
        S3.put(bucket, "incoming/sub/c.csv", new byte[30]);
        S3.put(bucket, "incoming/sub/", new byte[0]); // a console's "folder"
        S3.put(bucket, "incomingX.csv", new byte[5]);
        S3.put(bucket, "other/d.csv", new byte[40]);
        S3Store store = S3Store.of(s3, bucket, "incoming");

        List<ObjectInfo> all = store.list("");
        assertThat(all).extracting(ObjectInfo::key).containsExactly("a.csv", "b.csv", "sub/c.csv");
        assertThat(all).extracting(ObjectInfo::size).containsExactly(10L, 20L, 30L);
        assertThat(all).allSatisfy(o -> {
            assertThat(o.version()).isNotBlank().doesNotContain("\"");
            assertThat(o.lastModified()).isAfterOrEqualTo(before);
        });
        assertThat(store.list("sub/")).extracting(ObjectInfo::key).containsExactly("sub/c.csv");
        assertThat(store.list("b")).extracting(ObjectInfo::key).containsExactly("b.csv");
        assertThat(store.list("nothing")).isEmpty();
        assertThat(S3Store.of(s3, bucket, "").list("incoming")).extracting(ObjectInfo::key)
                .containsExactly("incoming/a.csv", "incoming/b.csv", "incoming/sub/c.csv", "incomingX.csv");
        assertThat(store.describe()).isEqualTo("s3://" + bucket + "/incoming/");
        assertThat(S3Store.of(s3, bucket, "/incoming/").describe()).isEqualTo("s3://" + bucket + "/incoming/");
        assertThat(S3Store.of(s3, bucket, null).describe()).isEqualTo("s3://" + bucket + "/");
    }

    /** Pages of two keys (max-keys=2 on every ListObjectsV2), so five keys take three pages. */
    @Test
    void listsEveryPage() {
        for (int i = 0; i < 5; i++) {
            S3.put(bucket, "p/" + i + ".csv", new byte[i]);
        }
        S3Client smallPages = S3.client(log, new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().putRawQueryParameter("max-keys", "2").build();
            }
        });
        log.clear();

        List<ObjectInfo> all = S3Store.of(smallPages, bucket, "p").list("");

        assertThat(all).extracting(ObjectInfo::key).containsExactly("0.csv", "1.csv", "2.csv", "3.csv", "4.csv");
        assertThat(log.of("ListObjectsV2")).hasSize(3);
    }

    @Test
    void aMissingBucketIsAnError() {
        assertThatThrownBy(() -> S3Store.of(s3, "no-such-bucket", "in").list(""))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("s3://no-such-bucket/in/")
                .hasMessageContaining("no such bucket");
    }

    @Test
    void putsASmallFileInOnePutAndReadsItBack() throws IOException {
        Path file = Files.write(dir.resolve("a.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        S3Store store = S3Store.of(s3, bucket, "in");
        log.clear();

        store.put("a.csv", file);

        assertThat(RequestLog.operations(log.all())).containsExactly("PutObject");
        S3Source source = store.object("a.csv");
        assertThat(source.name()).isEqualTo("s3://" + bucket + "/in/a.csv");
        try (InputStream in = source.open(4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1,2\n");
        }
        assertThatThrownBy(() -> store.put("b.csv", dir.resolve("missing.csv"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.object("missing.csv")).isInstanceOf(NoSuchFileException.class)
                .hasMessage("s3://" + bucket + "/in/missing.csv: no such object");
    }

    /** 16 MiB + 1 KiB is over the 16 MiB threshold: three parts of 8 MiB, 8 MiB and 1 KiB. */
    @Test
    void putsALargeFileInAMultipartUpload() throws IOException {
        byte[] content = S3SourceTest.bytes(16 * MIB + 1024, 7);
        Path file = Files.write(dir.resolve("big.csv"), content);
        S3Store store = S3Store.of(s3, bucket, "in");
        log.clear();

        store.put("big.csv", file);

        // the log records every attempt, and the SDK may retry a part once when the loaded machine
        // resets a connection: the ETag below is what proves three parts
        assertThat(RequestLog.operations(log.all())).startsWith("CreateMultipartUpload", "UploadPart")
                .endsWith("UploadPart", "CompleteMultipartUpload")
                .filteredOn("UploadPart"::equals).hasSizeBetween(3, 6);
        S3Source source = store.object("big.csv");
        assertThat(source.etag()).endsWith("-3");
        assertThat(source.size()).isEqualTo(content.length);
        try (InputStream in = source.open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        try (InputStream in = source.open(8 * MIB - 3)) {
            byte[] across = in.readNBytes(6);
            assertThat(across).isEqualTo(java.util.Arrays.copyOfRange(content, 8 * MIB - 3, 8 * MIB + 3));
        }
    }

    @Test
    void aFailedMultipartUploadIsAborted() throws IOException {
        Path file = Files.write(dir.resolve("big.csv"), S3SourceTest.bytes(16 * MIB + 1, 8));
        S3Client failing = S3.client(log, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest r && r.partNumber() == 2) {
                    throw SdkClientException.create("connection reset (injected)");
                }
            }
        });
        S3Store store = S3Store.of(failing, bucket, "in");
        log.clear();

        assertThatThrownBy(() -> store.put("big.csv", file)).isInstanceOf(IOException.class)
                .hasMessageContaining("s3://" + bucket + "/in/big.csv")
                .hasMessageContaining("injected");

        assertThat(RequestLog.operations(log.all())).containsExactly("CreateMultipartUpload", "UploadPart", "AbortMultipartUpload");
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThatThrownBy(() -> store.object("big.csv")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void movesAnObject() throws IOException {
        S3.put(bucket, "in/my file+1.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        S3Store store = S3Store.of(s3, bucket, "in");

        store.move("my file+1.csv", "done/my file+1.csv");

        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("done/my file+1.csv");
        try (InputStream in = store.object("done/my file+1.csv").open(0)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\n1\n");
        }
        assertThatThrownBy(() -> store.object("my file+1.csv")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.move("my file+1.csv", "failed/x.csv")).isInstanceOf(NoSuchFileException.class)
                .hasMessage("s3://" + bucket + "/in/my file+1.csv: no such object");
    }

    /** Above the copy threshold (5 GiB in production, 10 MiB here) a move copies in parts. */
    @Test
    void movesALargeObjectWithAMultipartCopy() throws IOException {
        byte[] content = S3SourceTest.bytes(16 * MIB + 1024, 9);
        S3.put(bucket, "in/big.csv", content);
        S3Store store = new S3Store(s3, bucket, "in", 16 * MIB, 8 * MIB, 10 * MIB, 5 * MIB);
        log.clear();

        store.move("big.csv", "done/big.csv");

        assertThat(RequestLog.operations(log.all())).containsExactly("HeadObject", "CreateMultipartUpload",
                "UploadPartCopy", "UploadPartCopy", "UploadPartCopy", "UploadPartCopy", "CompleteMultipartUpload",
                "DeleteObject");
        S3Source moved = store.object("done/big.csv");
        assertThat(moved.etag()).endsWith("-4");
        try (InputStream in = moved.open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("done/big.csv");
    }

    @Test
    void partSizesKeepUnderTenThousandParts() {
        assertThat(S3Store.partSize(100L * MIB, 8L * MIB)).isEqualTo(8L * MIB);
        long huge = 200L * 1024 * MIB; // 200 GiB: 8 MiB parts would be 25,600 of them
        long part = S3Store.partSize(huge, 8L * MIB);
        assertThat(part % MIB).isZero();
        assertThat((huge + part - 1) / part).isLessThanOrEqualTo(10_000);
    }
}
