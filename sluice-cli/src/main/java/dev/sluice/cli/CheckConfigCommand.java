package dev.sluice.cli;

import dev.sluice.core.pipeline.PersonalizeQueue;
import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.pipeline.Pipelines;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Read and check a pipelines file (sluice.yaml) without running anything.",
                "",
                "Every error names the file, line, column and field. Environment variables (${NAME},"
                        + " ${NAME:-default}) are substituted as a run would; secret values are never printed."})
final class CheckConfigCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "sluice.yaml",
            description = "The pipelines file. Default: ${DEFAULT-VALUE}.")
    Path config;

    CheckConfigCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Pipelines pipelines = PipelineSettings.load(config, console);
        console.out().println(config + ": " + pipelines.pipelines().size() + " pipeline(s), ledger in "
                + (pipelines.ledgerUrl() != null ? "PostgreSQL (shared)" : pipelines.state()));
        for (Pipeline pipeline : pipelines.pipelines().values()) {
            String from = pipeline.source().folder() != null ? pipeline.source().folder().toString()
                    : pipeline.source().bucketUri();
            console.out().printf("  %-20s %s → %s%n", pipeline.name(), from, pipeline.destination().kind());
        }
        for (PersonalizeQueue queue : pipelines.personalizeQueues().values()) {
            console.out().printf("  %-20s %s → %s%n", queue.name(), queue.queueUrl(), "braze (Personalize rows, "
                    + queue.attributeShape() + ")");
        }
        if (pipelines.controlShift() != null) {
            console.out().printf("  %-20s %s → %s%n", "controlshift", "POST /webhooks/controlshift",
                    "postgresql schema " + (pipelines.controlShift().schema() == null ? "controlshift" : pipelines.controlShift().schema()));
        }
        return ExitCode.OK;
    }
}
