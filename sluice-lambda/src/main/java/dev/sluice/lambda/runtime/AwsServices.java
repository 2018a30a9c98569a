package dev.sluice.lambda.runtime;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** The AWS clients of the import functions' runtime, built by one {@link AwsClientFactory}. */
public final class AwsServices implements AutoCloseable {
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final LambdaClient lambda;
    private final SnsClient sns;

    public AwsServices(AwsClientFactory clients) {
        this.s3 = clients.s3();
        this.dynamo = clients.build(DynamoDbClient.builder(), "DYNAMODB");
        this.lambda = clients.build(LambdaClient.builder(), "LAMBDA");
        this.sns = clients.build(SnsClient.builder(), "SNS");
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

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        lambda.close();
        sns.close();
    }
}
