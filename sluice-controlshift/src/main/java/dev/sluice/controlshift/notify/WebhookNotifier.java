package dev.sluice.controlshift.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each notice as JSON: successes to the success URL, failures to the failure URL (either may be
 * absent). The original loader published to its success topic for failed batches too; here a failed
 * batch never reaches the success URL. A notice that cannot be delivered after a few attempts is logged
 * (the batch's own record is the durable one).
 */
public final class WebhookNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final int ATTEMPTS = 3;

    private final URI successUrl;
    private final URI failureUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Either URL may be null: that channel is then off. */
    public WebhookNotifier(URI successUrl, URI failureUrl) {
        this.successUrl = successUrl;
        this.failureUrl = failureUrl;
    }

    @Override
    public void send(BatchNotice notice) {
        URI url = notice.ok() ? successUrl : failureUrl;
        if (url == null) {
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(notice);
        } catch (IOException e) {
            throw new IllegalStateException("a batch notice did not serialise", e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                LOG.warn("notification of batch {} to {}: HTTP {} (attempt {} of {})", notice.batchId(), url.getHost(), status,
                        attempt, ATTEMPTS);
            } catch (IOException e) {
                LOG.warn("notification of batch {} to {} failed: {} (attempt {} of {})", notice.batchId(), url.getHost(), e.toString(),
                        attempt, ATTEMPTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS) {
                sleep(attempt);
            }
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(200L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
