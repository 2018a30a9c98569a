package dev.sluice.personalize.queue;

import dev.sluice.aws.s3.AwsClientSettings;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS clients on the JDK's HTTP stack, configured as every AWS client of Sluice is ({@link dev.sluice.aws.s3.AwsClients#settings}). */
public final class SqsClients {
    private SqsClients() {
    }

    public static SqsClient create(AwsClientSettings settings) {
        return settings.applyTo(SqsClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
