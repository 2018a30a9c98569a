package dev.sluice.aws.s3;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Region, endpoint override and credentials for one AWS service client; see {@link AwsClients#settings}.
 *
 * @param endpoint null for the service's own endpoint in {@code region}
 */
public record AwsClientSettings(Region region, URI endpoint, AwsCredentialsProvider credentials) {

    public AwsClientSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Sets the region, the endpoint (when there is one) and the credentials on a client builder. */
    public <B extends AwsClientBuilder<B, ?>> B applyTo(B builder) {
        builder.region(region).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** Names the kind of credentials only, never a key. */
    @Override
    public String toString() {
        return "AwsClientSettings[region=" + region + ", endpoint=" + endpoint + ", credentials="
                + credentials.getClass().getSimpleName() + "]";
    }
}
