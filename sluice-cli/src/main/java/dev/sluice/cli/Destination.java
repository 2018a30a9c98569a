package dev.sluice.cli;

import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkItem;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.core.engine.TransformFactory;

/**
 * A destination as the CLI wires it into the engine: how rows become items, where they go, what the
 * ledger calls it (never a secret) and what a person reads in the summary.
 */
interface Destination<T extends SinkItem> extends AutoCloseable {

    /** The destination's identity in the ledger: same file, same destination → same job. */
    String id();

    /** For summaries, e.g. "Braze (https://rest.iad-01.braze.com)". */
    String describe();

    TransformFactory<T> transforms();

    /** The sink an import writes to; only for destinations opened to send. */
    Sink<T> sink();

    /** How the engine batches for this destination; {@code validate} batches the same way. */
    SinkLimits limits();

    /** What one item would cost: Braze attribute updates (data points), DynamoDB write units. */
    long cost(T item);

    /** The unit of {@link #cost}, for {@code validate}'s report. */
    String costUnit();

    @Override
    void close();
}
