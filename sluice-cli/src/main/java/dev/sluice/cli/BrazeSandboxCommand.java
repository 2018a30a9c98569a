package dev.sluice.cli;

import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.FaultPlan;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.core.rate.RateLimit;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "braze-sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a local server that keeps Braze's /users/track contract, for dry runs and tests.",
                "",
                "It checks the Bearer key, object and size limits, answers with Braze's bodies (errors[] with"
                        + " index), rate-limit headers and 429s, applies attributes to stored profiles, and can"
                        + " inject faults. Read back: GET /sandbox/users/{external_id}, GET /sandbox/stats;"
                        + " POST /sandbox/reset clears it. Point an import at it with"
                        + " BRAZE_API_URL=<url> BRAZE_API_KEY=<key>. Stops on Ctrl-C."})
final class BrazeSandboxCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = SandboxConfig.DEFAULT_API_KEY,
            description = "The key clients must send as Bearer. Default: ${DEFAULT-VALUE}.")
    String apiKey;

    @Option(names = "--rate-limit", paramLabel = "N/PERIOD", defaultValue = "3000/3s",
            description = "Requests per fixed window and key, or none. Default: ${DEFAULT-VALUE}.")
    String rateLimit;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0",
            description = "Delay before every answer, like a remote API. Default: ${DEFAULT-VALUE}.")
    long latencyMillis;

    @Option(names = "--faults", paramLabel = "SPEC", defaultValue = "",
            description = "Random faults with probabilities, e.g. 500=0.05,429=0.02,502=0.01,reset=0.01,hang=0.01"
                    + " (502/503/504 answer with an HTML page, reset drops the connection, hang never answers).")
    String faults;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the fault dice, so a run can be repeated. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-objects", paramLabel = "N", defaultValue = "" + SandboxConfig.DEFAULT_MAX_OBJECTS,
            description = "Objects allowed per request (1000 models /users/track/bulk). Default: ${DEFAULT-VALUE}.")
    int maxObjects;

    @Option(names = "--no-store", negatable = false,
            description = "Count and validate, but keep no profiles (for very large benchmark runs).")
    boolean noStore;

    BrazeSandboxCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        SandboxConfig config = SandboxConfig.defaults()
                .withPort(port)
                .withApiKey(apiKey)
                .withRateLimit(RateLimit.parse(rateLimit))
                .withLatency(Duration.ofMillis(latencyMillis))
                .withFaults(faults.isBlank() ? FaultPlan.none() : FaultPlan.parse(faults))
                .withSeed(seed)
                .withMaxObjectsPerRequest(maxObjects)
                .withStoreProfiles(!noStore);
        try (BrazeSandbox sandbox = BrazeSandbox.start(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
            console.out().println("Braze sandbox listening on " + sandbox.url());
            console.out().println("  export BRAZE_API_URL=" + sandbox.url());
            console.out().println("  export BRAZE_API_KEY=" + sandbox.apiKey());
            console.out().println("  rate limit " + (config.rateLimit() == null ? "none" : config.rateLimit())
                    + ", latency " + latencyMillis + " ms, faults " + (faults.isBlank() ? "none" : faults));
            console.out().flush();
            sandbox.awaitClose();
        }
        return ExitCode.OK;
    }
}
