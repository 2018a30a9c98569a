package dev.sluice.lambda.config;

import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.core.rate.RateLimit;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How every function of this module reaches Braze, from the same variables: {@code BRAZE_API_URL},
 * exactly one of {@code BRAZE_API_KEY} / {@code BRAZE_API_KEY_PARAMETER} / {@code BRAZE_API_KEY_SECRET},
 * {@code BRAZE_CONCURRENCY} (default 160) and {@code BRAZE_RATE_LIMIT} (default 3000/3s). The key itself
 * is read later, by the runtime, from where {@link #apiKey()} says.
 */
public record BrazeSettings(URI apiUrl, ApiKeySource apiKey, int concurrency, RateLimit rateLimit) {

    public static final Set<String> VARIABLES = Set.of("BRAZE_API_URL", "BRAZE_API_KEY", "BRAZE_API_KEY_PARAMETER",
            "BRAZE_API_KEY_SECRET", "BRAZE_CONCURRENCY", "BRAZE_RATE_LIMIT");

    public BrazeSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("BRAZE_CONCURRENCY must be at least 1");
        }
    }

    public static BrazeSettings fromEnv(Map<String, String> env) {
        return fromEnv(new Env(env));
    }

    static BrazeSettings fromEnv(Env e) {
        URI url = URI.create(e.required("BRAZE_API_URL", "the Braze REST endpoint, e.g. https://rest.iad-01.braze.com"));
        if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("BRAZE_API_URL must be an http(s) URL, e.g. https://rest.iad-01.braze.com");
        }
        return new BrazeSettings(url, apiKey(e),
                (int) e.number("BRAZE_CONCURRENCY", Integer.toString(BrazeConfig.DEFAULT_CONCURRENCY)),
                RateLimit.parse(e.optional("BRAZE_RATE_LIMIT", "3000/3s")));
    }

    /** The sink's settings once the key is known. */
    public BrazeConfig config(String key) {
        return BrazeConfig.defaults(apiUrl, key).withConcurrency(concurrency).withRateLimit(rateLimit);
    }

    private static ApiKeySource apiKey(Env e) {
        List<ApiKeySource> sources = new ArrayList<>();
        String direct = e.optional("BRAZE_API_KEY", null);
        String parameter = e.optional("BRAZE_API_KEY_PARAMETER", null);
        String secret = e.optional("BRAZE_API_KEY_SECRET", null);
        if (direct != null) {
            sources.add(new ApiKeySource.Environment(direct));
        }
        if (parameter != null) {
            sources.add(new ApiKeySource.SsmParameter(parameter));
        }
        if (secret != null) {
            sources.add(new ApiKeySource.Secret(secret));
        }
        if (sources.size() != 1) {
            throw new IllegalArgumentException("set exactly one of BRAZE_API_KEY, BRAZE_API_KEY_PARAMETER (an SSM"
                    + " parameter name) and BRAZE_API_KEY_SECRET (a Secrets Manager secret id); found " + sources);
        }
        return sources.get(0);
    }
}
