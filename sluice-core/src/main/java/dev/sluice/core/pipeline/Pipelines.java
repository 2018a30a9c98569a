package dev.sluice.core.pipeline;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded pipelines file.
 *
 * @param file      the file, absolute
 * @param state     the ledger directory, absolute ({@code state:} resolved against the file's directory;
 *                  {@code .sluice} next to the file when not set)
 * @param ledgerUrl a PostgreSQL JDBC URL when the ledger is shared ({@code ledger:}), else null: the ledger
 *                  is then the SQLite file in {@code state}
 * @param pipelines name → pipeline in file order; empty only when the file has other work for serve
 * @param personalizeQueues name → queue of Personalize recommendation rows that serve sends to Braze
 * @param controlShift the {@code controlshift:} section (webhook intake for {@code sluice serve}), or null
 */
public record Pipelines(Path file, Path state, String ledgerUrl, Map<String, Pipeline> pipelines,
        Map<String, PersonalizeQueue> personalizeQueues, ControlShiftConfig controlShift) {

    public Pipelines {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
        pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
        personalizeQueues = Collections.unmodifiableMap(new LinkedHashMap<>(personalizeQueues));
    }

    /**
     * The pipeline with this name.
     *
     * @throws PipelineConfigException when the file has no such pipeline; the message lists those it has
     */
    public Pipeline get(String name) throws PipelineConfigException {
        Pipeline pipeline = pipelines.get(name);
        if (pipeline != null) {
            return pipeline;
        }
        String close = Suggestions.closest(name, pipelines.keySet());
        String names = pipelines.isEmpty() ? "no pipelines" : String.join(", ", pipelines.keySet());
        throw new PipelineConfigException(file, 0, 0, "pipelines", "no pipeline named '" + name + "'"
                + (close == null ? "; the file has " + names : "; did you mean '" + close + "'? The file has " + names));
    }
}
