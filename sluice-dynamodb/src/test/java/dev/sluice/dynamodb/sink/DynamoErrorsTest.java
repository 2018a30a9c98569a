package dev.sluice.dynamodb.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.dynamodb.sink.DynamoErrors.Kind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoErrorsTest {

    private static DynamoDbException service(String code, int status) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " text").build())
                .build();
    }

    @Test
    void throttlingIsRetriedWithOrWithoutItsOwnExceptionClass() {
        assertThat(DynamoErrors.classify(FaultyDynamoDb.provisionedThroughputExceeded())).isEqualTo(Kind.THROTTLED);
        assertThat(DynamoErrors.classify(FaultyDynamoDb.throttling())).isEqualTo(Kind.THROTTLED);
        assertThat(DynamoErrors.classify(FaultyDynamoDb.requestLimitExceeded())).isEqualTo(Kind.THROTTLED);
        assertThat(DynamoErrors.classify(service("ProvisionedThroughputExceededException", 400)))
                .isEqualTo(Kind.THROTTLED);
        assertThat(DynamoErrors.classify(service("Whatever", 429))).isEqualTo(Kind.THROTTLED);
    }

    @Test
    void serverErrorsAndNetworkFailuresAreTransient() {
        assertThat(DynamoErrors.classify(FaultyDynamoDb.internalServerError())).isEqualTo(Kind.TRANSIENT);
        assertThat(DynamoErrors.classify(service("ServiceUnavailable", 503))).isEqualTo(Kind.TRANSIENT);
        assertThat(DynamoErrors.classify(service("Something", 502))).isEqualTo(Kind.TRANSIENT);
        assertThat(DynamoErrors.classify(service("TransactionConflictException", 400))).isEqualTo(Kind.TRANSIENT);
        assertThat(DynamoErrors.classify(FaultyDynamoDb.connectionReset())).isEqualTo(Kind.TRANSIENT);
        assertThat(DynamoErrors.classify(ApiCallAttemptTimeoutException.create(1000))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void refusalsConditionsTablesAndCredentials() {
        assertThat(DynamoErrors.classify(service("ValidationException", 400))).isEqualTo(Kind.REFUSED);
        assertThat(DynamoErrors.classify(ItemCollectionSizeLimitExceededException.builder().build()))
                .isEqualTo(Kind.REFUSED);
        assertThat(DynamoErrors.classify(ConditionalCheckFailedException.builder().build())).isEqualTo(Kind.CONDITION);
        assertThat(DynamoErrors.classify(ResourceNotFoundException.builder().build())).isEqualTo(Kind.NO_TABLE);
        assertThat(DynamoErrors.classify(FaultyDynamoDb.unrecognizedClient())).isEqualTo(Kind.ACCESS);
        assertThat(DynamoErrors.classify(FaultyDynamoDb.accessDenied())).isEqualTo(Kind.ACCESS);
        assertThat(DynamoErrors.classify(service("ExpiredTokenException", 400))).isEqualTo(Kind.ACCESS);
        assertThat(DynamoErrors.classify(service("Forbidden", 403))).isEqualTo(Kind.ACCESS);
    }

    @Test
    void whatNoRetryFixesStops() {
        assertThat(DynamoErrors.classify(FaultyDynamoDb.noCredentials())).isEqualTo(Kind.FATAL);
        assertThat(DynamoErrors.classify(SdkClientException.create("Unable to load region"))).isEqualTo(Kind.FATAL);
        assertThat(DynamoErrors.classify(AbortedException.create("interrupted"))).isEqualTo(Kind.FATAL);
        assertThat(DynamoErrors.classify(service("LimitExceededException", 400))).isEqualTo(Kind.FATAL);
        assertThat(DynamoErrors.classify(new IllegalStateException("bug"))).isEqualTo(Kind.FATAL);
    }

    @Test
    void describeQuotesDynamoDbsCodeAndTextWithoutTheSdkSuffix() {
        assertThat(DynamoErrors.describe(FaultyDynamoDb.unrecognizedClient()))
                .isEqualTo("UnrecognizedClientException: The security token included in the request is invalid.");
        assertThat(DynamoErrors.describe(FaultyDynamoDb.connectionReset()))
                .isEqualTo("SdkClientException: Unable to execute HTTP request: Connection reset");
    }
}
