package dev.sluice.lambda.runtime;

import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.AwsClients;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS clients of one runtime, configured as every AWS tool is ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, credentials) from the environment map given. All use the JDK's
 * HTTP stack (the url-connection client): the lightest to load, which counts at a cold start.
 *
 * <p>Without keys in the map, each instance makes its own default credentials chain rather than
 * sharing the process-wide one: after a SnapStart restore the runtime is built again, and credentials
 * resolved before the snapshot must not be reused.
 */
public final class AwsServices implements AutoCloseable {
    private final Map<String, String> env;
    private final AwsCredentialsProvider defaultChain = DefaultCredentialsProvider.builder().build();
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final LambdaClient lambda;
    private final SnsClient sns;

    public AwsServices(Map<String, String> env) {
        this.env = env;
        AwsClientSettings s3Settings = settings("S3");
        this.s3 = AwsClients.s3(s3Settings, s3Settings.endpoint() != null);
        this.dynamo = build(DynamoDbClient.builder(), "DYNAMODB");
        this.lambda = build(LambdaClient.builder(), "LAMBDA");
        this.sns = build(SnsClient.builder(), "SNS");
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public LambdaClient lambda() {
        return lambda;
    }

    public SnsClient sns() {
        return sns;
    }

    /** A client for reading the API key once; the caller closes it. */
    SsmClient ssm() {
        return build(SsmClient.builder(), "SSM");
    }

    /** A client for reading the API key once; the caller closes it. */
    SecretsManagerClient secretsManager() {
        return build(SecretsManagerClient.builder(), "SECRETS_MANAGER");
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        lambda.close();
        sns.close();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String service) {
        settings(service).applyTo(builder);
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        return builder.build();
    }

    private AwsClientSettings settings(String service) {
        AwsClientSettings settings = AwsClients.settings(env, service, null, null);
        return settings.credentials() instanceof StaticCredentialsProvider ? settings
                : new AwsClientSettings(settings.region(), settings.endpoint(), defaultChain);
    }
}
