package dev.sluice.lambda.handler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.lambda.continuation.FileEvent;
import dev.sluice.lambda.imports.FileOutcome;

/** A file's outcome as a line of a handler's JSON answer. */
final class Outcomes {
    private Outcomes() {
    }

    static ObjectNode describe(FileEvent file, FileOutcome outcome) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("file", file.uri());
        if (outcome instanceof FileOutcome.Completed completed) {
            json.put("outcome", "completed");
            json.put("rowsRead", completed.counts().read());
            json.put("accepted", completed.counts().accepted());
            json.put("rejected", completed.counts().rejected());
            json.put("skipped", completed.counts().skipped());
        } else if (outcome instanceof FileOutcome.Continued continued) {
            json.put("outcome", "continued");
            json.set("offset", continued.event().get("offset"));
        } else if (outcome instanceof FileOutcome.Skipped skipped) {
            json.put("outcome", "skipped");
            json.put("why", skipped.why());
        } else if (outcome instanceof FileOutcome.Busy) {
            json.put("outcome", "busy");
        } else if (outcome instanceof FileOutcome.Failed failed) {
            json.put("outcome", "failed");
            json.put("error", failed.message());
        }
        return json;
    }
}
