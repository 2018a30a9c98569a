package dev.sluice.core.pipeline;

/**
 * {@code personalize_queues: NAME:}, a queue of Personalize recommendation rows (as
 * {@code sluice personalize run --queue-url} puts them) that {@code sluice serve} sends on to Braze.
 *
 * @param queueUrl       the SQS queue; its redrive policy names the dead-letter queue refused rows go to
 * @param attributeShape {@code objects} (one array of objects) or {@code arrays} (the seed's parallel arrays)
 */
public record PersonalizeQueue(String name, String queueUrl, String attributeShape, BrazeDestinationConfig braze) {
}
