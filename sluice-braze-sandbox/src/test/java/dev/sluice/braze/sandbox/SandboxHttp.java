package dev.sluice.braze.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A test client for a sandbox: real HTTP through the JDK client. */
final class SandboxHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrazeSandbox sandbox;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SandboxHttp(BrazeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** POST /users/track with the sandbox's key. */
    HttpResponse<String> track(String json) throws IOException, InterruptedException {
        return send(trackRequest(json).build());
    }

    HttpRequest.Builder trackRequest(String json) {
        return HttpRequest.newBuilder(uri("/users/track"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + sandbox.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create(sandbox.url() + path);
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return json(response.body());
    }

    static Map<String, Object> json(String body) {
        try {
            return JSON.readValue(body, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + body, e);
        }
    }

    /** {"attributes": [ ... ]} from JSON object texts. */
    static String attributes(String... objects) {
        return "{\"attributes\":[" + String.join(",", objects) + "]}";
    }
}
