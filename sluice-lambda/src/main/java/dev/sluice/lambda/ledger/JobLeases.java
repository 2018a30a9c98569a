package dev.sluice.lambda.ledger;

import dev.sluice.core.ledger.LedgerException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One invocation at a time per job. S3 may deliver an event twice, SQS redelivers a message whose
 * invocation outlives its visibility timeout, and Lambda may run an asynchronous event twice: without
 * a lease two invocations could resume the same checkpoint and send the same rows. A lease is an item
 * {@code lease#<job key>} in the ledger table, written only if there is none, or it has expired, or
 * it is the caller's own; it expires at the holder's deadline, so a killed invocation blocks nobody
 * for long. {@code expires_at} (epoch seconds) is the table's TTL attribute, so DynamoDB also removes
 * leases left behind.
 */
public final class JobLeases {
    private final Supplier<DynamoDbClient> dynamo;
    private final String table;

    public JobLeases(Supplier<DynamoDbClient> dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Takes the lease of {@code jobKey} for {@code owner} until {@code until}; false when another holds it. */
    public boolean acquire(String jobKey, String owner, Instant until) {
        try {
            dynamo.get().putItem(b -> b.tableName(table)
                    .item(Map.of(DynamoLedger.KEY, AttributeValue.fromS(lease(jobKey)),
                            "owner", AttributeValue.fromS(owner),
                            "until_ms", DynamoLedger.number(until.toEpochMilli()),
                            "expires_at", DynamoLedger.number(until.getEpochSecond() + 1)))
                    .conditionExpression("attribute_not_exists(" + DynamoLedger.KEY + ") OR until_ms < :now OR #owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":now", DynamoLedger.number(System.currentTimeMillis()),
                            ":owner", AttributeValue.fromS(owner))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("cannot take the lease of job " + jobKey + " in " + table + ": " + e.getMessage(), e);
        }
    }

    /** Gives the lease back, if {@code owner} still holds it. */
    public void release(String jobKey, String owner) {
        try {
            dynamo.get().deleteItem(b -> b.tableName(table)
                    .key(DynamoLedger.key(lease(jobKey)))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))));
        } catch (ConditionalCheckFailedException e) {
            // it expired and another invocation took it: nothing of ours to give back
        } catch (SdkException e) {
            throw new LedgerException("cannot release the lease of job " + jobKey + " in " + table + ": " + e.getMessage(), e);
        }
    }

    private static String lease(String jobKey) {
        return "lease#" + jobKey;
    }
}
