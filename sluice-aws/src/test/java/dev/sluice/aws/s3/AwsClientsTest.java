package dev.sluice.aws.s3;

import dev.sluice.testkit.S3Server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class AwsClientsTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server();

    @Test
    void theExplicitEndpointWinsThenTheServiceVariableThenTheGenericOne() {
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL_S3", "http://s3.local:9000",
                "AWS_ENDPOINT_URL", "http://all.local:4566",
                "AWS_REGION", "eu-west-1");

        assertThat(AwsClients.settings(env, "S3", null, "http://explicit:1").endpoint()).isEqualTo(URI.create("http://explicit:1"));
        assertThat(AwsClients.settings(env, "S3", null, null).endpoint()).isEqualTo(URI.create("http://s3.local:9000"));
        assertThat(AwsClients.settings(env, "SQS", null, null).endpoint()).isEqualTo(URI.create("http://all.local:4566"));
        assertThat(AwsClients.settings(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://ddb:8000", "AWS_REGION", "eu-west-1"),
                "DYNAMODB", null, null).endpoint()).isEqualTo(URI.create("http://ddb:8000"));
        assertThat(AwsClients.settings(Map.of("AWS_REGION", "eu-west-1"), "S3", null, null).endpoint()).isNull();
        assertThat(AwsClients.settings(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_S3", " "), "S3", null, "").endpoint())
                .as("blank is absent").isNull();
        assertThatThrownBy(() -> AwsClients.settings(env, "S3", null, "localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad AWS endpoint URL 'localhost:9000'");
    }

    @Test
    void theExplicitRegionWinsThenAwsRegionThenAwsDefaultRegion() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "ap-south-1");
        assertThat(AwsClients.settings(env, "S3", "us-west-2", null).region()).isEqualTo(Region.US_WEST_2);
        assertThat(AwsClients.settings(env, "S3", null, null).region()).isEqualTo(Region.EU_WEST_1);
        assertThat(AwsClients.settings(Map.of("AWS_DEFAULT_REGION", "ap-south-1"), "S3", null, null).region())
                .isEqualTo(Region.AP_SOUTH_1);
        assertThat(AwsClients.settings(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"), "S3", null, null).region())
                .as("an endpoint without a region signs for us-east-1").isEqualTo(Region.US_EAST_1);
        assertThatThrownBy(() -> AwsClients.settings(Map.of(), "S3", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no AWS region: set AWS_REGION or use --region");
    }

    @Test
    void credentialsComeFromTheMapWhenItHasThem() {
        Map<String, String> keys = Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", "AWS_SESSION_TOKEN", "token-1");
        AwsClientSettings settings = AwsClients.settings(keys, "S3", null, null);
        AwsCredentials credentials = settings.credentials().resolveCredentials();
        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(credentials.secretAccessKey()).isEqualTo("wJalrXUtnFEMI");
        assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("token-1");
        assertThat(settings.toString()).doesNotContain("wJalrXUtnFEMI").doesNotContain("AKIDEXAMPLE").doesNotContain("token-1");

        AwsCredentials basic = AwsClients.settings(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKID2",
                "AWS_SECRET_ACCESS_KEY", "secret2"), "S3", null, null).credentials().resolveCredentials();
        assertThat(basic).isNotInstanceOf(AwsSessionCredentials.class);
        assertThat(basic.accessKeyId()).isEqualTo("AKID2");

        assertThat(AwsClients.settings(Map.of("AWS_REGION", "eu-west-1"), "S3", null, null).credentials())
                .isInstanceOf(DefaultCredentialsProvider.class);
        assertThatThrownBy(() -> AwsClients.settings(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKID3"),
                "S3", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }

    /** The CLI's way: everything from the environment map, path-style, against a real S3 server. */
    @Test
    void anS3ClientFromTheEnvironmentReadsFromS3Proxy() throws IOException {
        String bucket = S3.newBucket();
        S3.put(bucket, "in/data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", S3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        AwsClientSettings settings = AwsClients.settings(env, "S3", null, null);

        try (S3Client s3 = AwsClients.s3(settings, true)) {
            S3Source source = S3Source.open(s3, S3Location.parse("s3://" + bucket + "/in/data.csv"));
            try (InputStream in = source.open(4)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1,2\n");
            }
        }
    }
}
