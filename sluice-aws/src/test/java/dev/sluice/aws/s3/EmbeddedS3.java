package dev.sluice.aws.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in the test JVM: S3Proxy over its in-memory ("transient") blob store, on a random
 * port, one per test class ({@code @RegisterExtension static final EmbeddedS3 S3 = new EmbeddedS3();}).
 * Each test takes a bucket of its own from {@link #newBucket()}.
 */
final class EmbeddedS3 implements BeforeAllCallback, AfterAllCallback {
    static final String ACCESS_KEY = "access";
    static final String SECRET_KEY = "secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private S3Proxy proxy;
    private final List<S3Client> clients = new ArrayList<>();
    private S3Client admin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .stopTimeout(0)
                .build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            Thread.sleep(1);
        }
        admin = client();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        clients.forEach(S3Client::close);
        clients.clear();
        proxy.stop();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A path-style client with the server's credentials; closed after the class. */
    S3Client client(ExecutionInterceptor... interceptors) {
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(AwsClients.MAX_ATTEMPTS).build());
                    for (ExecutionInterceptor i : interceptors) {
                        o.addExecutionInterceptor(i);
                    }
                })
                .build();
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A new, empty bucket (names must have at least 3 characters). */
    String newBucket() {
        String name = "bucket-" + BUCKETS.incrementAndGet();
        admin.createBucket(b -> b.bucket(name));
        return name;
    }

    void put(String bucket, String key, byte[] content) {
        admin.putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
    }
}
