package dev.sluice.cli;

import dev.sluice.core.pipeline.BrazeDestinationConfig;
import dev.sluice.core.pipeline.DynamoDestinationConfig;
import dev.sluice.core.pipeline.PostgresDestinationConfig;
import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.pipeline.PipelineConfigException;
import dev.sluice.core.pipeline.Pipelines;
import dev.sluice.core.pipeline.PipelinesFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.ParseResult;

/**
 * Applies a named pipeline of {@code sluice.yaml} to a command's options. What the command line says
 * explicitly wins; everything else comes from the pipeline. The Braze endpoint and key of the pipeline
 * become the command's {@code BRAZE_API_URL} and {@code BRAZE_API_KEY}.
 */
final class PipelineSettings {
    private final ParseResult parsed;

    private PipelineSettings(ParseResult parsed) {
        this.parsed = parsed;
    }

    /** Loads the file; a bad file is a usage error naming file, line and field. */
    static Pipelines load(Path file, Console console) {
        try {
            return PipelinesFile.load(file, console.env());
        } catch (PipelineConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The pipeline of that name; an unknown name is a usage error listing the names the file has. */
    static Pipeline choose(Pipelines pipelines, String name) {
        try {
            return pipelines.get(name);
        } catch (PipelineConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Sets the options the command line left alone; returns the console to run with. */
    static Console apply(Pipeline pipeline, ParseResult parsed, Console console, FileOptions file, BrazeOptions braze,
            DynamoOptions dynamo, PostgresOptions postgres) {
        PipelineSettings settings = new PipelineSettings(parsed);
        settings.set("--to", pipeline.destination().kind(), v -> file.destination = v);
        if (pipeline.format() != null) {
            settings.set("--delimiter", pipeline.format().delimiter(), v -> file.delimiter = v);
            settings.set("--empty-cells", pipeline.format().emptyCells(), v -> file.emptyCells = v);
        }
        if (pipeline.types() != null && !pipeline.types().isEmpty() && !parsed.hasMatchedOption("--type")) {
            pipeline.types().forEach((column, type) -> file.types.add(column + "=" + type));
        }
        Map<String, String> env = new HashMap<>(console.env());
        if (pipeline.destination() instanceof BrazeDestinationConfig b) {
            env.put("BRAZE_API_URL", b.restUrl());
            env.put("BRAZE_API_KEY", b.apiKey());
            settings.set("--id-column", b.idColumn(), v -> braze.idColumn = v);
            settings.set("--update-existing-only", b.updateExistingOnly(), v -> braze.updateExistingOnly = v);
            settings.set("--batch-size", b.batchSize(), v -> braze.batchSize = v);
            settings.set("--endpoint", b.endpoint(), v -> braze.endpoint = v);
            settings.set("--rate-limit", b.rateLimit(), v -> braze.rateLimit = v);
            settings.set("--timeout", b.timeout() == null ? null : (int) Math.ceil(b.timeout().toMillis() / 1000.0),
                    v -> braze.timeoutSeconds = v);
            settings.set("--null-token", b.nullToken(), v -> braze.nullToken = v);
        } else if (pipeline.destination() instanceof DynamoDestinationConfig d) {
            settings.set("--table", d.table(), v -> dynamo.table = v);
            settings.set("--mode", d.mode(), v -> dynamo.mode = v);
            settings.set("--infer", d.infer(), v -> dynamo.infer = v);
            settings.set("--region", d.region(), v -> dynamo.region = v);
            settings.set("--endpoint-url", d.endpointUrl(), v -> dynamo.endpointUrl = v);
            settings.set("--max-wcu", d.maxWcu(), v -> dynamo.maxWcu = v);
            if (d.keyTemplates() != null && !parsed.hasMatchedOption("--key-template")) {
                d.keyTemplates().forEach((attribute, template) -> dynamo.keyTemplates.add(attribute + "=" + template));
            }
        } else if (pipeline.destination() instanceof PostgresDestinationConfig p) {
            env.put(PostgresOptions.URL_VARIABLE, p.url());
            settings.set("--table", p.table(), v -> dynamo.table = v);
            settings.set("--mode", p.mode(), v -> postgres.pipelineMode = v);
            settings.set("--key", p.key(), v -> postgres.key = v);
            settings.set("--add-columns", p.addColumns(), v -> postgres.addColumns = v);
        }
        return new Console(console.out(), console.err(), Map.copyOf(env), console.interactive());
    }

    /** The pipeline's concurrency, unless the command line gave one. */
    static Integer concurrency(Pipeline pipeline, Integer fromCommandLine) {
        if (fromCommandLine != null) {
            return fromCommandLine;
        }
        if (pipeline.destination() instanceof BrazeDestinationConfig b) {
            return b.concurrency();
        }
        if (pipeline.destination() instanceof DynamoDestinationConfig d) {
            return d.concurrency();
        }
        return null; // PostgreSQL: one COPY stream per file

    }

    private <V> void set(String option, V value, Consumer<V> setter) {
        if (value != null && !parsed.hasMatchedOption(option)) {
            setter.accept(value);
        }
    }
}
