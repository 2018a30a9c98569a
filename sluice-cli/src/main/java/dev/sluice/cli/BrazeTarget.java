package dev.sluice.cli;

import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.SandboxConfig;
import java.net.URI;

/**
 * The Braze workspace a command talks to: {@code BRAZE_API_URL} and {@code BRAZE_API_KEY} from the
 * environment, or, when no URL is set, a built-in sandbox started for this run so that nothing leaves
 * the machine.
 */
final class BrazeTarget implements AutoCloseable {
    private final URI url;
    private final String apiKey;
    private final BrazeSandbox sandbox;

    private BrazeTarget(URI url, String apiKey, BrazeSandbox sandbox) {
        this.url = url;
        this.apiKey = apiKey;
        this.sandbox = sandbox;
    }

    static BrazeTarget resolve(Console console, boolean announce) {
        String url = console.env("BRAZE_API_URL");
        if (url == null) {
            BrazeSandbox sandbox = BrazeSandbox.start(SandboxConfig.defaults());
            if (announce) {
                console.err().println("BRAZE_API_URL is not set: sending to a built-in Braze sandbox at " + sandbox.url()
                        + " (nothing leaves this machine). Set BRAZE_API_URL and BRAZE_API_KEY to import into Braze.");
            }
            return new BrazeTarget(URI.create(sandbox.url()), sandbox.apiKey(), sandbox);
        }
        String key = console.env("BRAZE_API_KEY");
        if (key == null) {
            throw new IllegalArgumentException("BRAZE_API_KEY is not set: export the REST API key of the workspace at "
                    + url + " (it needs the users.track permission)");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BRAZE_API_URL is not a URL: " + url);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("BRAZE_API_URL must be a URL like https://rest.iad-01.braze.com, not " + url);
        }
        return new BrazeTarget(uri, key, null);
    }

    URI url() {
        return url;
    }

    String apiKey() {
        return apiKey;
    }

    /** A description for summaries: the URL, marked when it is the built-in sandbox. */
    String describe() {
        return sandbox == null ? url.toString() : "built-in sandbox " + url;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
