package dev.sluice.dynamodb.sink;

import static dev.sluice.dynamodb.sink.SinkTestKit.ID;
import static dev.sluice.dynamodb.sink.SinkTestKit.items;
import static dev.sluice.dynamodb.sink.SinkTestKit.sink;
import static dev.sluice.dynamodb.sink.SinkTestKit.stopped;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.dynamodb.sink.SinkTestKit.RecordingSleeper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real SDK client (URL-connection HTTP, as the CLI builds it) pointed at a port where nothing
 * listens: the connection failure is a network failure, retried, and then the job stops with a
 * message naming the region and never the credentials.
 */
class DynamoSinkRealClientTest {

    private static final String SECRET = "sEcReTkEy0123456789abcdefghijklmnopqrstuv";

    @Test
    void anUnreachableEndpointIsRetriedThenStopsTheJobWithoutShowingCredentials() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: connections are refused
        }
        RecordingSleeper sleeper = new RecordingSleeper();
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET)))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
             DynamoSink sink = sink(client, DynamoConfig.defaults("orders", ID).withMaxAttempts(3), sleeper)) {
            assertThat(sink.toString()).isEqualTo("DynamoSink[table orders in eu-west-1, put, concurrency 8]");

            SinkStoppedException stop = stopped(sink.write(items("n", 5)));

            assertThat(stop.getCause()).isInstanceOf(SdkClientException.class);
            assertThat(stop.getMessage())
                    .startsWith("DynamoDB BatchWriteItem on table 'orders' in eu-west-1 kept failing: 5 items still"
                            + " unwritten after 3 attempts (last: SdkClientException: Unable to execute HTTP request")
                    .contains("Check the network")
                    .doesNotContain(SECRET)
                    .doesNotContain("AKIDEXAMPLE");
            assertThat(sink.stats().requests()).isEqualTo(3);
            assertThat(sink.stats().retries()).isEqualTo(2);
        }
        assertThat(sleeper.waits()).hasSize(2);
    }
}
