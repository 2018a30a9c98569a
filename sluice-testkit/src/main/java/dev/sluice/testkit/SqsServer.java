package dev.sluice.testkit;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS server (ElasticMQ) in the test JVM on a random port, one per test class
 * ({@code @RegisterExtension static final SqsServer SQS = new SqsServer();}). Tests create their
 * own queues with {@link #newQueue}.
 */
public final class SqsServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "x";
    public static final String SECRET_KEY = "x";
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private SQSRestServer server;
    private SqsClient client;
    private URI endpoint;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        endpoint = URI.create("http://127.0.0.1:" + port);
        client = newClient();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.stopAndWait();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The shared client of this server (closed after the class). */
    public SqsClient client() {
        return client;
    }

    /** A new client the caller closes. */
    public SqsClient newClient() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Creates a queue with a unique name starting with {@code prefix}; returns its URL. */
    public String newQueue(String prefix) {
        return newQueue(prefix, Map.of());
    }

    public String newQueue(String prefix, Map<QueueAttributeName, String> attributes) {
        String name = prefix + "-" + QUEUES.incrementAndGet();
        return client.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** The ARN ElasticMQ gives a queue (for redrive policies). */
    public String arn(String queueUrl) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
