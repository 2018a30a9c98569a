package dev.sluice.core.pipeline;

/** Where a pipeline's rows go: exactly one of the keys under {@code destination:}. */
public sealed interface Destination permits BrazeDestinationConfig, DynamoDestinationConfig,
        PostgresDestinationConfig {

    /** The key it was written under, as {@code --to} takes it: {@code braze}, {@code dynamodb} or {@code postgres}. */
    String kind();
}
