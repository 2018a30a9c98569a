package dev.sluice.personalize.queue;

import dev.sluice.core.source.ObjectInfo;
import dev.sluice.personalize.job.ConnectorConfig;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.report.Reject;
import dev.sluice.personalize.run.Delivery;
import dev.sluice.personalize.run.DeliveryReport;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts the {@code braze} connector's new output rows on an SQS queue, for a {@link BrazeQueueConsumer}
 * ({@code sluice serve}, or a Lambda) to send at Braze's pace. Once the rows are on the queue the
 * connector's state is replaced: delivery from there on is the queue's (at least once, then the
 * dead-letter queue).
 */
public final class QueueDelivery implements Delivery {
    private final OutputEnqueuer enqueuer;
    private final String queueUrl;

    public QueueDelivery(OutputEnqueuer enqueuer, String queueUrl) {
        this.enqueuer = enqueuer;
        this.queueUrl = queueUrl;
    }

    @Override
    public DeliveryReport deliver(ConnectorConfig connector, Folder job, List<String> parts, Consumer<Reject> rejects)
            throws IOException {
        if (!connector.isBraze()) {
            return DeliveryReport.NOTHING;
        }
        long requests = enqueuer.requests();
        long retries = enqueuer.retries();
        long messages = 0;
        long rejected = 0;
        for (String part : parts) {
            long size = job.list(part).stream().filter(o -> o.key().equals(part)).mapToLong(ObjectInfo::size)
                    .findFirst().orElse(0);
            OutputEnqueuer.Enqueued enqueued = enqueuer.enqueue(job, part, size, rejects);
            messages += enqueued.messages();
            rejected += enqueued.rejected();
        }
        return new DeliveryReport("queue " + queueUrl, messages, 0, rejected, enqueuer.requests() - requests,
                enqueuer.retries() - retries);
    }
}
