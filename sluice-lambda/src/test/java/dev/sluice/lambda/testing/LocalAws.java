package dev.sluice.lambda.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.sluice.lambda.ledger.DynamoLedger;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real AWS stand-ins this module's tests run against, in the test JVM, started once and shared
 * by every test (each takes its own bucket and table): S3Proxy over its in-memory blob store as S3,
 * and DynamoDB Local as an HTTP server, so the handlers reach both through endpoints in their
 * environment, as they reach AWS. (The same servers as sluice-aws's and sluice-cli's tests; kept here
 * in the few lines this module needs rather than shared through a test-jar.)
 */
public final class LocalAws {
    public static final String ACCESS_KEY = "access";
    public static final String SECRET_KEY = "secret";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static LocalAws instance;

    private final S3Proxy s3Proxy;
    private final DynamoDBProxyServer dynamoServer;
    private final URI s3Endpoint;
    private final URI dynamoEndpoint;
    private final S3Client s3;
    private final DynamoDbClient dynamo;

    private LocalAws() throws Exception {
        s3Proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .stopTimeout(0)
                .build();
        s3Proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(s3Proxy.getState())) {
            Thread.sleep(1);
        }
        s3Endpoint = URI.create("http://127.0.0.1:" + s3Proxy.getPort());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dynamoServer = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-disableTelemetry", "-port", String.valueOf(port)});
        dynamoServer.start();
        dynamoEndpoint = URI.create("http://127.0.0.1:" + port);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        s3 = S3Client.builder().endpointOverride(s3Endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        dynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** The shared servers, started on first use and stopped when the test JVM exits. */
    public static synchronized LocalAws get() {
        if (instance == null) {
            try {
                instance = new LocalAws();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy or DynamoDB Local did not start", e);
            }
            LocalAws started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "local-aws-stop"));
        }
        return instance;
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** Region, credentials and the two endpoints, as a function's environment has them. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
        return env;
    }

    public String newBucket() {
        String name = "imports-" + NAMES.incrementAndGet();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    /** A ledger table as template.yaml defines it: partition key {@value DynamoLedger#KEY} (S), on demand. */
    public String newLedgerTable() {
        String name = "sluice-ledger-" + NAMES.incrementAndGet();
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName(DynamoLedger.KEY).keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoLedger.KEY)
                        .attributeType(ScalarAttributeType.S).build()));
        return name;
    }

    /** Puts an object and returns its ETag without quotes. */
    public String put(String bucket, String key, byte[] content) {
        String etag = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)).eTag();
        return etag.replace("\"", "");
    }

    private void stop() {
        try {
            s3Proxy.stop();
            dynamoServer.stop();
        } catch (Exception e) {
            // the JVM is exiting
        }
    }
}
