package dev.sluice.lambda.ledger;

import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.Ledger;
import dev.sluice.core.ledger.LedgerException;
import dev.sluice.core.ledger.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The ledger on DynamoDB, for Lambda: one table with a string partition key {@value #KEY} and three
 * kinds of item, all read with strongly consistent reads (a continuation must see the checkpoint the
 * invocation before it saved):
 * <ul>
 *   <li>{@code job#<id>}: a job, its status, header, checkpoint and counts;</li>
 *   <li>{@code key#<job key>}: the newest job id of a key, so {@link #latest} is two gets and no
 *       eventually consistent index;</li>
 *   <li>{@code counter}: the last job id given out (an atomic {@code ADD}).</li>
 * </ul>
 * Writes are conditional, so a stale invocation (a duplicate delivery, a replay of an old event)
 * cannot damage a job: a checkpoint never moves backwards and only a running job takes one; a
 * completed job is never reopened or finished again. A refused write is a {@link LedgerException},
 * which stops the import at its last checkpoint.
 */
public final class DynamoLedger implements Ledger {
    /** The table's partition key (type S). */
    public static final String KEY = "pk";
    private static final String COUNTER = "counter";
    private static final int BATCH_GET_LIMIT = 100;

    private final Supplier<DynamoDbClient> dynamo;
    private final String table;

    /** {@code dynamo} is asked for the client at each call: SnapStart may have replaced it. */
    public DynamoLedger(Supplier<DynamoDbClient> dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<JobRecord> latest(String key) {
        Map<String, AttributeValue> pointer = get(keyItem(key));
        if (pointer.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> job = get(jobItem(Long.parseLong(pointer.get("latest").n())));
        return job.isEmpty() ? Optional.empty() : Optional.of(JobItems.toRecord(job));
    }

    @Override
    public JobRecord start(NewJob job) {
        long id = nextId();
        Instant now = Instant.now();
        JobRecord record = new JobRecord(id, job.key(), job.source(), job.sourceVersion(), job.destination(),
                JobStatus.RUNNING, job.header(), job.start(), job.rejectsFile(), now, now, null);
        call("record job " + id, () -> dynamo.get().putItem(b -> b.tableName(table)
                .item(JobItems.toItem(jobItem(id), record))
                .conditionExpression("attribute_not_exists(" + KEY + ")")));
        call("point key " + job.key() + " at job " + id, () -> dynamo.get().updateItem(b -> b.tableName(table)
                .key(key(keyItem(job.key())))
                .updateExpression("SET latest = :id")
                .conditionExpression("attribute_not_exists(latest) OR latest < :id")
                .expressionAttributeValues(Map.of(":id", number(id)))));
        return record;
    }

    @Override
    public void header(long jobId, List<String> header) {
        update(jobId, "record the header of", "SET header = :header, updated_at = :now",
                "attribute_exists(" + KEY + ")", Map.of(":header", JobItems.strings(header)));
    }

    @Override
    public void checkpoint(long jobId, Checkpoint checkpoint) {
        Map<String, AttributeValue> values = new HashMap<>(JobItems.checkpointValues(checkpoint));
        values.put(":running", AttributeValue.fromS(JobStatus.RUNNING.name()));
        update(jobId, "save the checkpoint of", "SET " + JobItems.CHECKPOINT_SET + ", updated_at = :now",
                "#status = :running AND checkpoint_offset <= :offset", values);
    }

    @Override
    public void finish(long jobId, JobStatus status, Checkpoint checkpoint, String error) {
        Map<String, AttributeValue> values = new HashMap<>(JobItems.checkpointValues(checkpoint));
        values.put(":status", AttributeValue.fromS(status.name()));
        values.put(":completed", AttributeValue.fromS(JobStatus.COMPLETED.name()));
        String set = "SET " + JobItems.CHECKPOINT_SET + ", #status = :status, updated_at = :now";
        if (error != null) {
            values.put(":error", AttributeValue.fromS(error));
        }
        update(jobId, "finish", error == null ? set + " REMOVE #error" : set + ", #error = :error",
                "attribute_exists(" + KEY + ") AND #status <> :completed", values);
    }

    @Override
    public void resume(long jobId) {
        update(jobId, "resume", "SET #status = :running, updated_at = :now REMOVE #error",
                "attribute_exists(" + KEY + ") AND #status <> :completed",
                Map.of(":running", AttributeValue.fromS(JobStatus.RUNNING.name()),
                        ":completed", AttributeValue.fromS(JobStatus.COMPLETED.name())));
    }

    /** The newest jobs: ids are given out in order, so these are the highest ids, read in batches. */
    @Override
    public List<JobRecord> recent(int limit) {
        Map<String, AttributeValue> counter = get(COUNTER);
        long newest = counter.isEmpty() ? 0 : Long.parseLong(counter.get("next_id").n());
        List<JobRecord> jobs = new ArrayList<>();
        for (long high = newest; high > 0 && high > newest - limit; high -= BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (long id = high; id > Math.max(0, Math.max(newest - limit, high - BATCH_GET_LIMIT)); id--) {
                keys.add(key(jobItem(id)));
            }
            batchGet(keys).forEach(item -> jobs.add(JobItems.toRecord(item)));
        }
        jobs.sort(Comparator.comparingLong(JobRecord::id).reversed());
        return jobs;
    }

    /** The client belongs to the runtime, which closes it. */
    @Override
    public void close() {
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> ask = request;
            var response = call("list recent jobs", () -> dynamo.get().batchGetItem(b -> b.requestItems(ask)));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    private long nextId() {
        var response = call("give out a job id", () -> dynamo.get().updateItem(b -> b.tableName(table)
                .key(key(COUNTER))
                .updateExpression("ADD next_id :one")
                .expressionAttributeValues(Map.of(":one", number(1)))
                .returnValues(ReturnValue.UPDATED_NEW)));
        return Long.parseLong(response.attributes().get("next_id").n());
    }

    private void update(long jobId, String what, String expression, String condition,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":now", number(System.currentTimeMillis()));
        Map<String, String> names = new HashMap<>();
        if (expression.contains("#status") || condition.contains("#status")) {
            names.put("#status", "status");
        }
        if (expression.contains("#error")) {
            names.put("#error", "error");
        }
        try {
            call(what + " job " + jobId, () -> dynamo.get().updateItem(b -> b.tableName(table)
                    .key(key(jobItem(jobId)))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(all)));
        } catch (RefusedException e) {
            throw new LedgerException("the ledger refused to " + what + " job " + jobId + ": it is missing, completed,"
                    + " or another run moved it further (a duplicate invocation?)", e.getCause());
        }
    }

    private Map<String, AttributeValue> get(String pk) {
        var response = call("read " + pk, () -> dynamo.get().getItem(b -> b.tableName(table).key(key(pk))
                .consistentRead(true)));
        return response.hasItem() ? response.item() : Map.of();
    }

    private <R> R call(String what, Supplier<R> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw new RefusedException(e);
        } catch (SdkException e) {
            throw new LedgerException("cannot " + what + " in the DynamoDB ledger " + table + ": " + e.getMessage(), e);
        }
    }

    static Map<String, AttributeValue> key(String pk) {
        return Map.of(KEY, AttributeValue.fromS(pk));
    }

    static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    private static String jobItem(long id) {
        return "job#" + id;
    }

    private static String keyItem(String jobKey) {
        return "key#" + jobKey;
    }

    /** A conditional write that DynamoDB refused. */
    private static final class RefusedException extends LedgerException {
        RefusedException(ConditionalCheckFailedException cause) {
            super("conditional write refused", cause);
        }
    }
}
