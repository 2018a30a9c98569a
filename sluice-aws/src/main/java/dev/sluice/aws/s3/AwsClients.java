package dev.sluice.aws.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** AWS clients configured the way every AWS tool is, from an environment map that callers (and tests) pass. */
public final class AwsClients {
    private static final String NO_REGION = "no AWS region: set AWS_REGION or use --region";

    private AwsClients() {
    }

    /**
     * Region, endpoint override and credentials for one service, from an environment map (so tests and the
     * CLI can pass their own).
     *
     * <ul>
     *   <li>endpoint = {@code endpoint}, else {@code AWS_ENDPOINT_URL_<SERVICE>} (e.g. {@code AWS_ENDPOINT_URL_S3}),
     *       else {@code AWS_ENDPOINT_URL}, else none (the service's own endpoint);</li>
     *   <li>region = {@code region}, else {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else (only with an
     *       endpoint, which needs a region to sign with) {@code us-east-1};</li>
     *   <li>credentials = {@code AWS_ACCESS_KEY_ID} + {@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN})
     *       from the map when present, else the SDK's default chain (the process environment, system
     *       properties, profiles, SSO, web identity, container and instance roles).</li>
     * </ul>
     * Blank values count as absent.
     *
     * @param service the service's name as in its endpoint variable: "S3", "DYNAMODB", "SQS"
     * @param region  an explicit region (e.g. {@code --region}), or null
     * @param endpoint an explicit endpoint URL (e.g. {@code --endpoint-url}), or null
     * @throws IllegalArgumentException without a region, for an endpoint that is not an http(s) URL, or for
     *                                  only one of the two key variables
     */
    public static AwsClientSettings settings(Map<String, String> env, String service, String region, String endpoint) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(service, "service");
        String serviceVariable = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');

        String endpointText = first(endpoint, env.get(serviceVariable), env.get("AWS_ENDPOINT_URL"));
        URI endpointUri = endpointText == null ? null : endpoint(endpointText.strip());

        String regionName = first(region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (regionName == null) {
            if (endpointUri == null) {
                throw new IllegalArgumentException(NO_REGION);
            }
            regionName = Region.US_EAST_1.id();
        }
        return new AwsClientSettings(Region.of(regionName.strip()), endpointUri, credentials(env));
    }

    /** Attempts per call: the JDK may hand out several pooled connections the server already closed. */
    static final int MAX_ATTEMPTS = 8;

    /**
     * A synchronous S3 client on the JDK's HTTP stack (url-connection client), with the SDK's standard
     * retries and {@link #MAX_ATTEMPTS} attempts (the JDK keeps up to five idle connections per host, and
     * after a server closed them each attempt can draw one).
     *
     * @param pathStyle address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}:
     *                  needed by S3Proxy and most S3-compatible stores (MinIO, Ceph, ...) on a custom endpoint
     */
    public static S3Client s3(AwsClientSettings settings, boolean pathStyle) {
        return settings.applyTo(S3Client.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(pathStyle)
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()))
                .build();
    }

    /** A synchronous SQS client on the JDK's HTTP stack, with the same retries as {@link #s3}. */
    public static SqsClient sqs(AwsClientSettings settings) {
        return settings.applyTo(SqsClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()))
                .build();
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String accessKey = first(env.get("AWS_ACCESS_KEY_ID"));
        String secretKey = first(env.get("AWS_SECRET_ACCESS_KEY"));
        String sessionToken = first(env.get("AWS_SESSION_TOKEN"));
        if (accessKey == null && secretKey == null) {
            return DefaultChain.PROVIDER;
        }
        if (accessKey == null || secretKey == null) {
            throw new IllegalArgumentException(accessKey == null
                    ? "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"
                    : "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
        }
        return StaticCredentialsProvider.create(sessionToken == null
                ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad AWS endpoint URL '" + text + "': expected http(s)://host[:port]");
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** One default chain for every client, as the deprecated {@code DefaultCredentialsProvider.create()} gave. */
    private static final class DefaultChain {
        static final AwsCredentialsProvider PROVIDER = DefaultCredentialsProvider.builder().build();
    }
}
