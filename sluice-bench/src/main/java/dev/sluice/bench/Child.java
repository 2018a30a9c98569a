package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code sluice.jar} in its own JVM, as a user would, so heap and CPU are its own. */
final class Child {
    private final Path jar;

    Child(Path jar) {
        this.jar = jar;
    }

    ProcessBuilder sluice(String heap, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        return builder;
    }

    /** Starts {@code sluice braze-sandbox} and returns it once it printed its URL. */
    static Sandbox sandbox(Child child, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("braze-sandbox"));
        args.addAll(List.of(options));
        Process process = child.sluice("3g", Map.of(), args.toArray(String[]::new)).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        String key = null;
        for (String line = out.readLine(); line != null && (url == null || key == null); line = out.readLine()) {
            if (line.contains("BRAZE_API_URL=")) {
                url = line.substring(line.indexOf('=') + 1).trim();
            } else if (line.contains("BRAZE_API_KEY=")) {
                key = line.substring(line.indexOf('=') + 1).trim();
            }
        }
        if (url == null || key == null) {
            process.destroyForcibly();
            throw new IOException("the sandbox did not start");
        }
        return new Sandbox(process, url, key);
    }

    record Sandbox(Process process, String url, String apiKey) implements AutoCloseable {
        Map<String, String> env() {
            return Map.of("BRAZE_API_URL", url, "BRAZE_API_KEY", apiKey);
        }

        /** The sandbox's counters, {@code GET /sandbox/stats}. */
        JsonNode stats() throws IOException, InterruptedException {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/sandbox/stats")).build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    static String output(Process process) throws IOException, InterruptedException {
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text;
    }
}
