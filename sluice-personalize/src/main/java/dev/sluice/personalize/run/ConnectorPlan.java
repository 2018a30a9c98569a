package dev.sluice.personalize.run;

import dev.sluice.personalize.decorate.Decoration;
import dev.sluice.personalize.decorate.Json;
import dev.sluice.personalize.delta.DeltaState;
import dev.sluice.personalize.delta.FingerprintSet;
import dev.sluice.personalize.job.ConnectorConfig;
import dev.sluice.personalize.output.PartWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One connector's part of a run: how it decorates, what it sent last time, and the output it writes.
 * {@link #apply} runs on one thread, in batch-file order.
 */
final class ConnectorPlan {
    final ConnectorConfig config;
    final Decoration decoration;
    final boolean deltaCheck;
    final DeltaState state;
    private final FingerprintSet previous;
    private final FingerprintSet current;
    private final PartWriter writer;
    private final byte[] suffix;
    private long decorated;
    private long duplicates;
    private long unchanged;
    private long changed;

    ConnectorPlan(ConnectorConfig config, Decoration decoration, boolean deltaCheck, DeltaState state,
            FingerprintSet previous, PartWriter writer, byte[] suffix) {
        this.config = config;
        this.decoration = decoration;
        this.deltaCheck = deltaCheck;
        this.state = state;
        this.previous = previous;
        this.current = new FingerprintSet(Math.max(1024, previous.size()));
        this.writer = writer;
        this.suffix = suffix;
    }

    /**
     * Writes the rows that are new: not an exact copy of an earlier row of this run, and (with the
     * delta check) not among the rows of the last successful run.
     */
    void apply(Rows rows) throws IOException {
        byte[] bytes = rows.bytes();
        for (int i = 0; i < rows.count(); i++) {
            decorated++;
            long h1 = rows.h1(i);
            long h2 = rows.h2(i);
            if (!current.add(h1, h2)) {
                duplicates++;
            } else if (deltaCheck && previous.contains(h1, h2)) {
                unchanged++;
            } else {
                int start = rows.start(i);
                // the canonical row without its closing brace, then jobInfo and syncDirectives
                writer.line(bytes, start, rows.end(i) - start - 1, suffix);
                changed++;
            }
        }
    }

    void finishOutput() throws IOException {
        writer.close();
    }

    void abandonOutput() throws IOException {
        writer.abandon();
    }

    FingerprintSet current() {
        return current;
    }

    List<String> parts() {
        return writer.parts();
    }

    ConnectorReport report(DeliveryReport delivery, boolean stateReplaced) {
        return new ConnectorReport(config.name(), decorated, duplicates, unchanged, changed, deltaCheck, writer.parts(),
                delivery, stateReplaced);
    }

    /** {@code ,"jobInfo":{…},"syncDirectives":{…}}}: what every output row of the connector ends with. */
    static byte[] suffix(ConnectorConfig config, String jobName, String runDateTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(',');
        Json.name(out, "jobInfo");
        out.write('{');
        Json.name(out, "name");
        Json.string(out, jobName);
        out.write(',');
        Json.name(out, "runDateTime");
        Json.string(out, runDateTime);
        out.write('}');
        var directives = Json.MAPPER.createObjectNode();
        if (config.attributePrefix() != null) {
            directives.put("attributePrefix", config.attributePrefix());
        }
        if (config.otherAttributes() != null) {
            directives.set("otherAttributes", config.otherAttributes());
        }
        if (config.attributeShape() != null) {
            directives.put("attributeShape", config.attributeShape().configName());
        }
        if (config.clearEmpty()) {
            directives.put("clearEmptyRecommendations", true);
        }
        if (!directives.isEmpty()) {
            out.write(',');
            Json.name(out, "syncDirectives");
            try {
                out.writeBytes(Json.MAPPER.writeValueAsBytes(directives));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        out.write('}');
        return out.toByteArray();
    }
}
