package dev.sluice.controlshift.webhook;

/** What to answer ControlShift: an HTTP status and a JSON body. */
public record WebhookReply(int status, String jsonBody) {
}
