package dev.sluice.personalize.run;

/**
 * What a delivery did with the rows of the new output files.
 *
 * @param destination where they went, for the summary ("queue https://…", "Braze https://…"), or null
 * @param sent        rows accepted by Braze, or messages enqueued
 * @param skipped     rows with no recommendations, not sent (the seed's behaviour without clearing)
 * @param rejected    rows refused, kept in the rejects file
 * @param requests    requests made (Braze requests or SendMessageBatch calls)
 * @param retries     requests retried
 */
public record DeliveryReport(String destination, long sent, long skipped, long rejected, long requests, long retries) {
    public static final DeliveryReport NOTHING = new DeliveryReport(null, 0, 0, 0, 0, 0);
}
