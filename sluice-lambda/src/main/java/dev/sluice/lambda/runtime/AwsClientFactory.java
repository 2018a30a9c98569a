package dev.sluice.lambda.runtime;

import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.AwsClients;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds a runtime's AWS clients, configured as every AWS tool is ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, credentials) from the environment map given. All use the JDK's
 * HTTP stack (the url-connection client): the lightest to load, which counts at a cold start.
 *
 * <p>Without keys in the map, each factory makes its own default credentials chain rather than
 * sharing the process-wide one: after a SnapStart restore the runtime is built again, and credentials
 * resolved before the snapshot must not be reused. The caller closes the clients.
 */
public final class AwsClientFactory {
    private final Map<String, String> env;
    private final AwsCredentialsProvider defaultChain = DefaultCredentialsProvider.builder().build();

    public AwsClientFactory(Map<String, String> env) {
        this.env = env;
    }

    /** A client of {@code service}, the suffix of its endpoint variable ({@code SQS}, {@code DYNAMODB}…). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String service) {
        settings(service).applyTo(builder);
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        return builder.build();
    }

    /** S3 has its own builder options (path-style addressing against a custom endpoint). */
    public S3Client s3() {
        AwsClientSettings s3Settings = settings("S3");
        return AwsClients.s3(s3Settings, s3Settings.endpoint() != null);
    }

    private AwsClientSettings settings(String service) {
        AwsClientSettings settings = AwsClients.settings(env, service, null, null);
        return settings.credentials() instanceof StaticCredentialsProvider ? settings
                : new AwsClientSettings(settings.region(), settings.endpoint(), defaultChain);
    }
}
