package dev.sluice.lambda.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes one message per file to an SNS topic ({@code TOPIC_ARN}), when the file completes or is
 * given up; invocations that hand the file on publish nothing. Without a topic it does nothing.
 */
public final class Notifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SnsClient> sns;
    private final String topicArn;

    /** {@code topicArn} null or blank: no notifications. */
    public Notifier(Supplier<SnsClient> sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn == null || topicArn.isBlank() ? null : topicArn;
    }

    public boolean enabled() {
        return topicArn != null;
    }

    /**
     * Publishes {@code notification}. A failure to publish is returned as a message for the log, not
     * thrown: the import itself is finished and must not be repeated because a subscriber was missed.
     *
     * @return null when published (or disabled), else why not
     */
    public String publish(FileNotification notification) {
        if (topicArn == null) {
            return null;
        }
        try {
            String body = JSON.writeValueAsString(notification.message());
            sns.get().publish(b -> b.topicArn(topicArn).subject(notification.subject()).message(body));
            return null;
        } catch (JsonProcessingException | SdkException e) {
            return "could not publish to " + topicArn + ": " + e.getMessage();
        }
    }
}
