package dev.sluice.braze.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.braze.payload.BrazeImportOptions;
import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.payload.BrazeTransform;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.SinkStoppedException;
import dev.sluice.core.engine.TransformResult;
import dev.sluice.core.record.Header;
import dev.sluice.core.record.Position;
import dev.sluice.core.typing.TypingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Shared pieces of the sink tests: a sandbox per test class, a sink config for it, objects, waiting on futures. */
final class SinkTestKit {

    /** Generous: a test that waits this long has failed, it has not been slow. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private SinkTestKit() {
    }

    /**
     * One sandbox for a whole test class: started with {@code config} now (as the class is
     * initialised), emptied before each test and closed after the last one. A test class registers it
     * on a static field, {@code @RegisterExtension static final SharedSandbox shared = sharedSandbox(...);},
     * and its tests use {@code shared.sandbox()}.
     */
    static SharedSandbox sharedSandbox(SandboxConfig config) {
        return new SharedSandbox(BrazeSandbox.start(config));
    }

    /** See {@link #sharedSandbox(SandboxConfig)}. */
    static final class SharedSandbox implements BeforeEachCallback, AfterAllCallback {
        private final BrazeSandbox sandbox;

        private SharedSandbox(BrazeSandbox sandbox) {
            this.sandbox = sandbox;
        }

        BrazeSandbox sandbox() {
            return sandbox;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            sandbox.reset();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            sandbox.close();
        }
    }

    /**
     * The sink as a job would configure it for this sandbox: the sandbox's rate limit as the
     * client budget, a few connections, and timeouts short enough for tests (2 s connect, 5 s response).
     */
    static BrazeConfig config(BrazeSandbox sandbox) {
        return BrazeConfig.defaults(URI.create(sandbox.url()), sandbox.apiKey())
                .withRateLimit(sandbox.config().rateLimit())
                .withConcurrency(8)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** {@code {"external_id":"<id>", <attributes>}}; {@code attributes} is JSON members, e.g. {@code "a":1}. */
    static BrazeObject user(String externalId, String attributes) {
        String json = "{\"external_id\":\"" + externalId + "\"" + (attributes.isEmpty() ? "" : "," + attributes) + "}";
        return new BrazeObject("e:" + externalId, json.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** An object with exactly this JSON text, valid or not. */
    static BrazeObject raw(String json) {
        return new BrazeObject("raw:" + json, json.getBytes(StandardCharsets.UTF_8), 1);
    }

    /**
     * A valid object for {@code externalId} whose JSON is exactly {@code jsonBytes} long (ASCII),
     * padded with string attributes of at most 200 characters so the sandbox keeps them whole.
     */
    static BrazeObject sized(String externalId, int jsonBytes) {
        StringBuilder json = new StringBuilder("{\"external_id\":\"" + externalId + "\"");
        int attribute = 0;
        while (true) {
            int left = jsonBytes - json.length() - 1; // room before the closing brace
            if (left == 0) {
                break;
            }
            String name = "p" + attribute++;
            int overhead = (",\"" + name + "\":\"\"").length();
            if (left < overhead) {
                throw new IllegalArgumentException("cannot pad " + externalId + " to exactly " + jsonBytes + " bytes");
            }
            int value = Math.min(200, left - overhead);
            if (left - overhead - value > 0 && left - overhead - value < overhead + 1) {
                value -= overhead + 1; // leave room for one more whole attribute
            }
            json.append(",\"").append(name).append("\":\"").append("x".repeat(value)).append('"');
        }
        json.append('}');
        assertThat(json.length()).isEqualTo(jsonBytes);
        return new BrazeObject("e:" + externalId, json.toString().getBytes(StandardCharsets.US_ASCII), attribute);
    }

    /** Objects the way a job makes them: CSV cells typed and encoded by {@link BrazeTransform}. */
    static List<BrazeObject> fromCsv(List<String> header, List<List<String>> rows) {
        BrazeTransform transform = BrazeTransform.create(Header.of(header), BrazeImportOptions.defaults());
        List<BrazeObject> objects = new ArrayList<>();
        long line = 2;
        for (List<String> row : rows) {
            TransformResult<BrazeObject> result;
            try {
                result = transform.apply(transform.rowTyper().type(row.toArray(new String[0]),
                        new Position(line, line * 100, line * 100 + 100)));
            } catch (TypingException e) {
                throw new AssertionError(e);
            }
            assertThat(result).isInstanceOf(TransformResult.Emit.class);
            objects.add(((TransformResult.Emit<BrazeObject>) result).item());
            line++;
        }
        return objects;
    }

    /** The outcomes of a write that must succeed. */
    static List<Outcome> await(CompletableFuture<List<Outcome>> write) {
        try {
            return write.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the write failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the write did not complete within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The exception of a write that must stop the job. */
    static SinkStoppedException stopped(CompletableFuture<?> write) {
        try {
            Object value = write.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return fail("expected the sink to stop, but the write completed with " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(SinkStoppedException.class);
            return (SinkStoppedException) cause;
        } catch (TimeoutException e) {
            throw new AssertionError("the write did not complete within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String reason(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).reason();
    }
}
