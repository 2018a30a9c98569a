package dev.sluice.controlshift.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.controlshift.ExportKind;
import dev.sluice.controlshift.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/controlshift}, independent of any HTTP server: the server hands over the headers
 * and the raw body and sends back the reply.
 *
 * <p>It checks the signature when a secret is configured, reads the payload, stores the announced file
 * durably and answers, all within a few milliseconds: the download happens later, in the worker
 * (ControlShift retries a slow or failed delivery 9 times, then disables the endpoint). Answers:
 * <ul>
 *   <li>200 {@code processed}: recorded; {@code duplicate}: the same jid or the same file again, ignored;
 *       {@code skipped}: an event type other than a data export</li>
 *   <li>401 bad or missing signature; 400 a payload that is not a data-export event; 413 a body over 1 MiB</li>
 *   <li>503 the store is unreachable: nothing recorded, so ControlShift's retry is wanted</li>
 * </ul>
 */
public final class ControlShiftWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(ControlShiftWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest body accepted; an HTTP server reads at most one byte more, so a larger one is answered 413. */
    public static final int MAX_BODY = 1 << 20;

    private final EventStore events;
    private final Optional<SignatureCheck> signature;
    private final Clock clock;

    /** {@code secret} empty: signatures are not checked (ControlShift makes them optional). */
    public ControlShiftWebhook(EventStore events, Optional<String> secret, Clock clock) {
        this.events = events;
        this.signature = secret.filter(s -> !s.isEmpty()).map(SignatureCheck::new);
        this.clock = clock;
    }

    public WebhookReply receive(Map<String, String> headers, byte[] body) {
        if (body.length > MAX_BODY) {
            return reply(413, "error", "the body is larger than " + MAX_BODY + " bytes");
        }
        if (signature.isPresent() && !signature.get().verifies(header(headers, SignatureCheck.HEADER), body)) {
            LOG.warn("ControlShift webhook refused: missing or wrong {}", SignatureCheck.HEADER);
            return reply(401, "error", "missing or wrong " + SignatureCheck.HEADER);
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return reply(400, "error", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return reply(400, "error", "the body is not a JSON object");
        }
        String type = root.path("type").asText("");
        Optional<ExportKind> kind = ExportKind.ofWebhookType(type);
        if (kind.isEmpty()) {
            return reply(200, "skipped", "not a data export event: " + (type.isEmpty() ? "no type" : type));
        }
        ExportEvent event;
        try {
            event = ExportEvents.of(kind.get(), root, payload);
        } catch (IllegalArgumentException e) {
            return reply(400, "error", e.getMessage());
        }
        try {
            boolean recorded = events.record(event, clock.instant());
            LOG.info("ControlShift {} export of {} {} ({})", event.kind().label(), event.table(),
                    recorded ? "recorded" : "already recorded: ignored", event.fileKey());
            return recorded ? reply(200, "processed", null) : reply(200, "duplicate", null);
        } catch (SQLException e) {
            LOG.error("ControlShift webhook: could not record the {} export of {}: {}", event.kind().label(), event.table(), e.getMessage());
            return reply(503, "error", "the event store is unavailable; please retry");
        }
    }

    /** HTTP header names are case-insensitive; servers hand them over in any case. */
    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static WebhookReply reply(int status, String state, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", state);
        if (message != null) {
            body.put("message", message);
        }
        return new WebhookReply(status, body.toString());
    }
}
