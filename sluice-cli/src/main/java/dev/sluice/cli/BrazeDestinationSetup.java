package dev.sluice.cli;

import dev.sluice.braze.BrazeDestination;
import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.braze.sink.BrazeSink;
import dev.sluice.core.engine.Sink;
import dev.sluice.core.engine.SinkLimits;
import dev.sluice.core.engine.TransformFactory;

/** Braze for the CLI: the workspace from the environment (or the built-in sandbox) and its options. */
final class BrazeDestinationSetup implements Destination<BrazeObject> {
    private final Console console;
    private final BrazeOptions options;
    private final BrazeImportOptions importOptions;
    private final BrazeTarget target;
    private final BrazeConfig config;

    private BrazeDestinationSetup(Console console, BrazeOptions options, BrazeImportOptions importOptions,
            BrazeTarget target, BrazeConfig config) {
        this.console = console;
        this.options = options;
        this.importOptions = importOptions;
        this.target = target;
        this.config = config;
    }

    /** To send: resolves the workspace (starting the sandbox when BRAZE_API_URL is unset). */
    static BrazeDestinationSetup sending(Console console, FileOptions file, BrazeOptions options, Integer concurrency,
            Integer maxAttempts, boolean announce) {
        BrazeImportOptions importOptions = options.importOptions(file);
        BrazeTarget target = BrazeTarget.resolve(console, announce);
        try {
            return new BrazeDestinationSetup(console, options, importOptions, target,
                    options.config(target, concurrency, maxAttempts));
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** To validate only: nothing is reached. */
    static BrazeDestinationSetup dryRun(Console console, FileOptions file, BrazeOptions options) {
        return new BrazeDestinationSetup(console, options, options.importOptions(file), null, null);
    }

    @Override
    public String id() {
        return config.destinationId();
    }

    @Override
    public String describe() {
        return "Braze (" + target.describe() + ")";
    }

    @Override
    public TransformFactory<BrazeObject> transforms() {
        return BrazeDestination.transforms(importOptions, console::warn);
    }

    @Override
    public Sink<BrazeObject> sink() {
        return BrazeSink.open(config);
    }

    @Override
    public SinkLimits limits() {
        return BrazeSink.limits(options.batchSize, options.maxBodyBytes);
    }

    @Override
    public long cost(BrazeObject item) {
        return item.attributeCount();
    }

    @Override
    public String costUnit() {
        return "attribute updates";
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }
}
