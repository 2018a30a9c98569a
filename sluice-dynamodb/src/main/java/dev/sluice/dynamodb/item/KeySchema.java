package dev.sluice.dynamodb.item;

import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A table's primary key: the partition key and, for composite keys, the sort key (null otherwise). */
public record KeySchema(KeyAttribute partition, KeyAttribute sort) {

    /** One key attribute: its name and its scalar type (S, N or B). */
    public record KeyAttribute(String name, ScalarAttributeType type) { }
}
