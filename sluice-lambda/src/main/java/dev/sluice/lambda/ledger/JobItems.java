package dev.sluice.lambda.ledger;

import dev.sluice.core.ledger.Checkpoint;
import dev.sluice.core.ledger.Counts;
import dev.sluice.core.ledger.JobRecord;
import dev.sluice.core.ledger.JobStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A job as a DynamoDB item and back; attribute names are the SQLite ledger's column names. */
final class JobItems {
    /** The SET clause that writes a checkpoint from the values of {@link #checkpointValues}. */
    static final String CHECKPOINT_SET = "checkpoint_offset = :offset, checkpoint_line = :line, rows_read = :read,"
            + " accepted = :accepted, rejected = :rejected, skipped = :skipped, requests = :requests,"
            + " retries = :retries, rejects_length = :rejects_length";

    private JobItems() {
    }

    static Map<String, AttributeValue> checkpointValues(Checkpoint cp) {
        Counts c = cp.counts();
        return Map.of(":offset", DynamoLedger.number(cp.offset()), ":line", DynamoLedger.number(cp.line()),
                ":read", DynamoLedger.number(c.read()), ":accepted", DynamoLedger.number(c.accepted()),
                ":rejected", DynamoLedger.number(c.rejected()), ":skipped", DynamoLedger.number(c.skipped()),
                ":requests", DynamoLedger.number(c.requests()), ":retries", DynamoLedger.number(c.retries()),
                ":rejects_length", DynamoLedger.number(cp.rejectsLength()));
    }

    static Map<String, AttributeValue> toItem(String pk, JobRecord job) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoLedger.key(pk));
        item.put("id", DynamoLedger.number(job.id()));
        item.put("job_key", AttributeValue.fromS(job.key()));
        item.put("source", AttributeValue.fromS(job.source()));
        item.put("source_version", AttributeValue.fromS(job.sourceVersion()));
        item.put("destination", AttributeValue.fromS(job.destination()));
        item.put("status", AttributeValue.fromS(job.status().name()));
        if (job.header() != null) {
            item.put("header", strings(job.header()));
        }
        if (job.rejectsFile() != null) {
            item.put("rejects_file", AttributeValue.fromS(job.rejectsFile()));
        }
        checkpointValues(job.checkpoint()).forEach((name, value) -> item.put(attribute(name), value));
        item.put("started_at", DynamoLedger.number(job.startedAt().toEpochMilli()));
        item.put("updated_at", DynamoLedger.number(job.updatedAt().toEpochMilli()));
        return item;
    }

    static JobRecord toRecord(Map<String, AttributeValue> item) {
        Counts counts = new Counts(n(item, "rows_read"), n(item, "accepted"), n(item, "rejected"), n(item, "skipped"),
                n(item, "requests"), n(item, "retries"));
        Checkpoint cp = new Checkpoint(n(item, "checkpoint_offset"), n(item, "checkpoint_line"), counts,
                n(item, "rejects_length"));
        AttributeValue header = item.get("header");
        return new JobRecord(n(item, "id"), s(item, "job_key"), s(item, "source"), s(item, "source_version"),
                s(item, "destination"), JobStatus.valueOf(s(item, "status")),
                header == null ? null : header.l().stream().map(AttributeValue::s).toList(), cp,
                s(item, "rejects_file"), Instant.ofEpochMilli(n(item, "started_at")),
                Instant.ofEpochMilli(n(item, "updated_at")), s(item, "error"));
    }

    /** A list, not a string set: column order matters and names may repeat in a bad header. */
    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    /** {@code :offset} → {@code checkpoint_offset}, as in {@link #CHECKPOINT_SET}. */
    private static String attribute(String placeholder) {
        String name = placeholder.substring(1);
        return name.equals("offset") || name.equals("line") ? "checkpoint_" + name
                : name.equals("read") ? "rows_read" : name;
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
