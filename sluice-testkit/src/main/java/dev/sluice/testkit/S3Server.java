package dev.sluice.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A real S3 server (S3Proxy over its in-memory store) in the test JVM, one per test class
 * ({@code @RegisterExtension static final S3Server S3 = new S3Server();}); tests take buckets of their
 * own from {@link #newBucket()}. Neither S3Proxy nor ElasticMQ
 * delivers bucket notifications, so {@link #sendEventsTo} adds them: after each put, multipart completion
 * or copy, the store sends the standard S3 event JSON (key form-encoded, as S3 does) to an SQS queue.
 */
public final class S3Server implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "access";
    public static final String SECRET_KEY = "secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final List<Notification> notifications = new CopyOnWriteArrayList<>();
    private final List<S3Client> clients = new CopyOnWriteArrayList<>();
    private S3Proxy proxy;
    private S3Client client;

    private record Notification(String bucket, SqsClient sqs, String queueUrl) { }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        BlobStore store = new NotifyingStore(BlobStores.create("transient", new Properties()));
        proxy = S3Proxy.builder().blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0")).stopTimeout(0).build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            Thread.sleep(1);
        }
        client = client(new ExecutionInterceptor[0]);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        clients.forEach(S3Client::close);
        clients.clear();
        proxy.stop();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The shared path-style client with the server's credentials (closed after the class). */
    public S3Client client() {
        return client;
    }

    /**
     * A new path-style client, closed after the class, with 8 attempts per call (the JDK may hand out
     * pooled connections the server already closed) and {@code interceptors} to watch the wire.
     */
    public S3Client client(ExecutionInterceptor... interceptors) {
        S3Client created = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(8).build());
                    for (ExecutionInterceptor i : interceptors) {
                        o.addExecutionInterceptor(i);
                    }
                })
                .build();
        clients.add(created);
        return created;
    }

    /** A new, empty bucket (names must have at least 3 characters). */
    public String newBucket() {
        String name = "bucket-" + BUCKETS.incrementAndGet();
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
    }

    /** From now on, objects created in {@code bucket} are announced on the queue. */
    public void sendEventsTo(String bucket, SqsClient sqs, String queueUrl) {
        notifications.add(new Notification(bucket, sqs, queueUrl));
    }

    /** The S3 event notification S3 would send for a created object. */
    public static String event(String eventName, String bucket, String key, long size, String eTag) {
        Map<String, Object> object = Map.of("key", URLEncoder.encode(key, StandardCharsets.UTF_8), "size", size,
                "eTag", eTag == null ? "" : eTag.replace("\"", ""), "sequencer", Long.toHexString(System.nanoTime()));
        Map<String, Object> s3 = Map.of("s3SchemaVersion", "1.0", "configurationId", "sluice-test",
                "bucket", Map.of("name", bucket, "arn", "arn:aws:s3:::" + bucket), "object", object);
        Map<String, Object> record = Map.of("eventVersion", "2.1", "eventSource", "aws:s3", "awsRegion", "us-east-1",
                "eventTime", Instant.now().toString(), "eventName", eventName, "s3", s3);
        try {
            return JSON.writeValueAsString(Map.of("Records", List.of(record)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void announce(String eventName, String bucket, String key, long size, String eTag) {
        for (Notification n : notifications) {
            if (n.bucket().equals(bucket)) {
                n.sqs().sendMessage(b -> b.queueUrl(n.queueUrl()).messageBody(event(eventName, bucket, key, size, eTag)));
            }
        }
    }

    /** The store S3Proxy serves, announcing created objects after the real store has them. */
    private final class NotifyingStore extends ForwardingBlobStore {
        NotifyingStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
            PutObjectResponse response = super.putBlob(request, content);
            announce("ObjectCreated:Put", request.bucket(), request.key(), sizeOf(request.bucket(), request.key()),
                    response.eTag());
            return response;
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                CompleteMultipartUploadRequest request) {
            CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
            announce("ObjectCreated:CompleteMultipartUpload", request.bucket(), request.key(),
                    sizeOf(request.bucket(), request.key()), response.eTag());
            return response;
        }

        @Override
        public CopyObjectResponse copyBlob(CopyObjectRequest request) {
            CopyObjectResponse response = super.copyBlob(request);
            announce("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey(),
                    sizeOf(request.destinationBucket(), request.destinationKey()), null);
            return response;
        }

        private long sizeOf(String bucket, String key) {
            Long length = blobMetadata(software.amazon.awssdk.services.s3.model.HeadObjectRequest.builder()
                    .bucket(bucket).key(key).build()).contentLength();
            return length == null ? 0 : length;
        }
    }
}
