package dev.sluice.dynamodb.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A FAKE for what DynamoDB Local cannot do: it never throttles and never returns UnprocessedItems
 * (dynamodb.md §3.5). This client delegates to DynamoDB Local and, when told to, (a) answers a
 * BatchWriteItem with some of its items as {@code UnprocessedItems} — those are NOT forwarded, so
 * they are really unwritten — or (b) throws a chosen exception instead of calling Local at all. It
 * counts the write calls it receives per operation and records every item it forwarded to Local.
 */
final class FaultyDynamoDb implements DynamoDbClient {
    private final DynamoDbClient local;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger writeCalls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<Map<String, AttributeValue>, AtomicInteger> timesUnprocessed = new ConcurrentHashMap<>();
    private final List<Map<String, AttributeValue>> forwarded = Collections.synchronizedList(new ArrayList<>());
    private volatile int unprocessedTail;
    private volatile int unprocessedTimes;
    private volatile IntFunction<SdkException> failure = call -> null;

    FaultyDynamoDb(DynamoDbClient local) {
        this.local = local;
    }

    /**
     * Of every BatchWriteItem, the last {@code tail} items come back unprocessed, each item until it
     * has come back {@code times} times (so a batch of 25 with tail 10 and times 3 needs 4 calls).
     */
    FaultyDynamoDb unprocessed(int tail, int times) {
        this.unprocessedTail = tail;
        this.unprocessedTimes = times;
        return this;
    }

    /**
     * Write call number {@code n} (1-based, over BatchWriteItem, PutItem and UpdateItem together)
     * throws {@code failure.apply(n)} instead of reaching Local, unless that is null.
     */
    FaultyDynamoDb failing(IntFunction<SdkException> failure) {
        this.failure = failure;
        return this;
    }

    int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Calls answered with an injected exception. */
    int failures() {
        return failures.get();
    }

    /** Every item a BatchWriteItem forwarded to Local, in the order forwarded. */
    List<Map<String, AttributeValue>> forwarded() {
        synchronized (forwarded) {
            return List.copyOf(forwarded);
        }
    }

    private void count(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        SdkException error = failure.apply(writeCalls.incrementAndGet());
        if (error != null) {
            failures.incrementAndGet();
            throw error;
        }
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        count("BatchWriteItem");
        Map<String, List<WriteRequest>> forward = new HashMap<>();
        Map<String, List<WriteRequest>> unprocessed = new HashMap<>();
        request.requestItems().forEach((table, writes) -> {
            List<WriteRequest> sent = new ArrayList<>();
            List<WriteRequest> kept = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                WriteRequest write = writes.get(i);
                boolean inTail = i >= writes.size() - unprocessedTail;
                if (inTail && timesUnprocessed.computeIfAbsent(write.putRequest().item(), k -> new AtomicInteger())
                        .getAndUpdate(n -> n < unprocessedTimes ? n + 1 : n) < unprocessedTimes) {
                    kept.add(write);
                } else {
                    sent.add(write);
                }
            }
            if (!sent.isEmpty()) {
                forward.put(table, sent);
            }
            if (!kept.isEmpty()) {
                unprocessed.put(table, kept);
            }
        });
        BatchWriteItemResponse.Builder response = BatchWriteItemResponse.builder().unprocessedItems(unprocessed);
        if (!forward.isEmpty()) {
            BatchWriteItemResponse answer = local.batchWriteItem(request.toBuilder().requestItems(forward).build());
            forward.values().forEach(writes -> writes.forEach(w -> forwarded.add(w.putRequest().item())));
            response.consumedCapacity(answer.consumedCapacity());
        }
        return response.build();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        count("PutItem");
        return local.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        count("UpdateItem");
        return local.updateItem(request);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return local.getItem(request);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return local.scan(request);
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        return local.createTable(request);
    }

    @Override
    public String serviceName() {
        return local.serviceName();
    }

    @Override
    public void close() {
        // Local belongs to LocalDynamoDb
    }

    // ---- the exceptions DynamoDB and the SDK throw, built as the SDK would ----

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build();
    }

    static SdkException provisionedThroughputExceeded() {
        String text = "The level of configured provisioned throughput for the table was exceeded. Consider"
                + " increasing your provisioning level with the UpdateTable API.";
        return ProvisionedThroughputExceededException.builder().message(text).statusCode(400)
                .awsErrorDetails(details("ProvisionedThroughputExceededException", text)).build();
    }

    static SdkException throttling() {
        String text = "Throughput exceeds the current capacity of your table or index.";
        return ThrottlingException.builder().message(text).statusCode(400)
                .awsErrorDetails(details("ThrottlingException", text)).build();
    }

    static SdkException requestLimitExceeded() {
        String text = "Throughput exceeds the current throughput limit for your account.";
        return DynamoDbException.builder().message(text).statusCode(400)
                .awsErrorDetails(details("RequestLimitExceeded", text)).build();
    }

    static SdkException internalServerError() {
        String text = "Internal server error";
        return InternalServerErrorException.builder().message(text).statusCode(500)
                .awsErrorDetails(details("InternalServerError", text)).build();
    }

    static SdkException connectionReset() {
        return SdkClientException.builder().message("Unable to execute HTTP request: Connection reset")
                .cause(new java.net.SocketException("Connection reset")).build();
    }

    static SdkException unrecognizedClient() {
        String text = "The security token included in the request is invalid.";
        return DynamoDbException.builder().message(text).statusCode(400)
                .awsErrorDetails(details("UnrecognizedClientException", text)).build();
    }

    static SdkException accessDenied() {
        String text = "User: arn:aws:iam::123456789012:user/loader is not authorized to perform:"
                + " dynamodb:BatchWriteItem on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/t";
        return DynamoDbException.builder().message(text).statusCode(400)
                .awsErrorDetails(details("AccessDeniedException", text)).build();
    }

    static SdkException noCredentials() {
        return SdkClientException.builder().message("Unable to load credentials from any of the providers in the"
                + " chain AwsCredentialsProviderChain(credentialsProviders=[EnvironmentVariableCredentialsProvider()]):"
                + " [EnvironmentVariableCredentialsProvider(): Unable to load credentials from system settings."
                + " Access key must be specified either via environment variable (AWS_ACCESS_KEY_ID) or system"
                + " property (aws.accessKeyId).]").build();
    }
}
