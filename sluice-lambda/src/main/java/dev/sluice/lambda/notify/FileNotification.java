package dev.sluice.lambda.notify;

import dev.sluice.core.ledger.Counts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a subscriber hears when a file is done or given up, once per file. {@code fileName},
 * {@code success} and {@code usersProcessed} are the seed's fields (there counted per invocation,
 * here for the whole file); the rest says what happened to every row.
 *
 * @param rejects the S3 URI of the rejected rows, or null when none were rejected
 * @param error   why the file failed; null on success
 * @param continuation the event that resumes a failed file, or null
 */
public record FileNotification(String bucket, String key, boolean success, Counts counts, String rejects, String error,
        Object continuation) {

    /** The SNS message body (JSON). */
    public Map<String, Object> message() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fileName", key);
        json.put("bucket", bucket);
        json.put("success", success);
        json.put("usersProcessed", counts.accepted());
        json.put("rowsRead", counts.read());
        json.put("accepted", counts.accepted());
        json.put("rejected", counts.rejected());
        json.put("skipped", counts.skipped());
        json.put("requests", counts.requests());
        json.put("rejectsFile", rejects);
        json.put("error", error);
        json.put("continuationEvent", continuation);
        return json;
    }

    /** An SNS subject: ASCII, at most 100 characters. */
    public String subject() {
        String subject = "Sluice import " + (success ? "done: " : "FAILED: ") + key;
        String ascii = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() > 100 ? ascii.substring(0, 99) + "~" : ascii;
    }
}
