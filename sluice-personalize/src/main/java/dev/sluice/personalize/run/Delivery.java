package dev.sluice.personalize.run;

import dev.sluice.personalize.job.ConnectorConfig;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.report.Reject;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands a connector's new output files to its destination (Braze directly, or an SQS queue). The
 * connector's state is replaced only when this returns; when it throws, the next run sends the same
 * changes again.
 */
@FunctionalInterface
public interface Delivery {

    /**
     * @param parts   keys in {@code job} of the output files this run wrote, in order
     * @param rejects where rows the destination refuses go
     */
    DeliveryReport deliver(ConnectorConfig connector, Folder job, List<String> parts, Consumer<Reject> rejects)
            throws IOException;

    /** Output files only. */
    Delivery NONE = (connector, job, parts, rejects) -> DeliveryReport.NOTHING;
}
