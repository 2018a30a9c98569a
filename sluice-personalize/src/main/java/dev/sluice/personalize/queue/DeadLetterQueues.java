package dev.sluice.personalize.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.personalize.decorate.Json;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The dead-letter queue a queue's redrive policy names. */
final class DeadLetterQueues {
    private DeadLetterQueues() {
    }

    /** Its URL, or null when the queue has no redrive policy. */
    static String of(SqsClient sqs, String queueUrl) {
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return null;
        }
        try {
            JsonNode arn = Json.MAPPER.readTree(policy).get("deadLetterTargetArn");
            if (arn == null) {
                return null;
            }
            String text = arn.asText();
            String name = text.substring(text.lastIndexOf(':') + 1);
            String account = text.split(":").length > 4 ? text.split(":")[4] : null;
            return sqs.getQueueUrl(b -> {
                b.queueName(name);
                if (account != null && !account.isBlank()) {
                    b.queueOwnerAWSAccountId(account);
                }
            }).queueUrl();
        } catch (IOException | SdkException e) {
            throw new IllegalStateException("cannot find the dead-letter queue of " + queueUrl + " (" + policy + "): "
                    + e.getMessage(), e);
        }
    }
}
