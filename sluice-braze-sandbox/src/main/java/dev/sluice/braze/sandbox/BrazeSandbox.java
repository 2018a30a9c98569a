package dev.sluice.braze.sandbox;

import dev.sluice.core.rate.RateLimit;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server that keeps Braze's documented contract for {@code POST /users/track}:
 * bearer-key authentication (401), {@code application/json} only (415), 4 MiB bodies (413),
 * 75 objects per request (400), per-object errors in {@code errors[].index} of a 201, fixed
 * rate-limit windows with {@code X-RateLimit-*} headers (429), and attribute semantics (null
 * removes, inc, add/remove on arrays, nested objects, {@code _update_existing_only}, 255-character
 * strings). It stores what it accepted so tests can read it back, and injects faults
 * ({@link #faults()}, {@link SandboxConfig#faults()}).
 *
 * <pre>{@code
 * try (BrazeSandbox braze = BrazeSandbox.start(SandboxConfig.defaults().withRateLimit(RateLimit.parse("1000/1s")))) {
 *     braze.faults().afterRequests(10, Fault.status(503), 2);
 *     // point the client at braze.url() with braze.apiKey(), run it, then:
 *     assertThat(braze.user("u1")).hasValueSatisfying(u -> assertThat(u).containsEntry("plan", "gold"));
 * }
 * }</pre>
 *
 * <p>Checks run in this order: scripted or random fault, API key (401), rate limit (429), media type
 * (415), size (413), JSON (400), object count (400), then each object. Choices where Braze's
 * documents say nothing:
 * <ul>
 *   <li>A 401 has no rate-limit headers: the window belongs to a key, and the request has none.</li>
 *   <li>A request refused with 429, and a faulted request, do not use up the window; a 415, 413 or
 *       400 does (it reached the API).</li>
 *   <li>{@code /users/track/bulk} is handled like {@code /users/track}; configure
 *       {@code maxObjectsPerRequest} ({@value SandboxConfig#BULK_MAX_OBJECTS}) to model a bulk contract.</li>
 *   <li>A body with no objects at all gets a 400.</li>
 *   <li>Profiles are separate per identifier kind (see {@link UserId}); {@code $add/$remove/$update}
 *       on arrays of objects are not supported (their keys fail the nested-key check).</li>
 * </ul>
 *
 * <p>{@code /sandbox/users/{external_id}}, {@code /sandbox/users?email=...}, {@code /sandbox/stats}
 * and {@code POST /sandbox/reset} let another process (a benchmark, a person) look inside.
 *
 * <p>The JDK's HTTP server reads its tuning once, when the JVM creates its first server. Unless
 * already set, this class sets {@code sun.net.httpserver.nodelay=true} (the server writes headers
 * and body separately, and Nagle's algorithm would hold the body back for a delayed ACK) and
 * {@code sun.net.httpserver.maxIdleConnections=4096} (the default, 200, closes keep-alive
 * connections of a client that keeps 200 open).
 */
public final class BrazeSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrazeSandbox.class);
    private static final String HOST = "127.0.0.1";
    /** Room for a benchmark opening a few hundred connections at once. */
    private static final int ACCEPT_BACKLOG = 1024;
    /** Workers only parse and apply (delays and hangs hold no thread); a few per core is plenty. */
    private static final int WORKERS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    static {
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
    }

    private final SandboxConfig config;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ProfileStore store = new ProfileStore();
    private final StatsCounters stats = new StatsCounters();
    private final FaultScript faults = new FaultScript();
    private final FixedWindowLimiter limiter;
    private final Responder responder;
    private final TrackEndpoint track;
    private final AdminEndpoint admin;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private BrazeSandbox(SandboxConfig config, HttpServer server) {
        this.config = config;
        this.server = server;
        this.workers = Executors.newFixedThreadPool(WORKERS, daemonThreads("braze-sandbox-worker"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("braze-sandbox-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        this.limiter = new FixedWindowLimiter(config.rateLimit(), config.clock());
        this.responder = new Responder(timer, config.latency());
        this.track = new TrackEndpoint(config, stats, faults, limiter,
                new TrackRequestHandler(store, stats, config.maxObjectsPerRequest(), config.storeProfiles()), responder);
        this.admin = new AdminEndpoint(this);
    }

    /** Starts a sandbox on 127.0.0.1 with Braze's defaults and an ephemeral port. */
    public static BrazeSandbox start() {
        return start(SandboxConfig.defaults());
    }

    /**
     * Starts a sandbox on 127.0.0.1.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static BrazeSandbox start(SandboxConfig config) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), config.port()), ACCEPT_BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Braze sandbox on " + HOST + ":" + config.port(), e);
        }
        BrazeSandbox sandbox = new BrazeSandbox(config, server);
        server.createContext("/", sandbox::route);
        server.setExecutor(sandbox.workers);
        server.start();
        LOG.info("Braze sandbox listening on {} (rate limit {}, latency {} ms, faults {})", sandbox.url(),
                config.rateLimit() == null ? "none" : config.rateLimit(), config.latency().toMillis(), config.faults());
        return sandbox;
    }

    /** Like {@code http://127.0.0.1:54321}, without a trailing slash. */
    public String url() {
        return "http://" + HOST + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String apiKey() {
        return config.apiKey();
    }

    public SandboxConfig config() {
        return config;
    }

    public SandboxStats stats() {
        return stats.snapshot(store.size());
    }

    /**
     * The profile stored under an {@code external_id}: {@code "external_id"} and the attributes, as
     * plain Java values (String, Long, BigDecimal, Boolean, List, Map); unmodifiable.
     */
    public Optional<Map<String, Object>> user(String externalId) {
        return user(UserId.externalId(externalId));
    }

    /** The profile stored under any identifier: its identifier field(s) and the attributes. */
    public Optional<Map<String, Object>> user(UserId id) {
        return store.view(id);
    }

    /** Event objects accepted for the user; 0 for an unknown user. */
    public int eventCount(String externalId) {
        return store.events(UserId.externalId(externalId));
    }

    /** Purchase objects accepted for the user; 0 for an unknown user. */
    public int purchaseCount(String externalId) {
        return store.purchases(UserId.externalId(externalId));
    }

    /** Forgets profiles, counters, scripted faults (and their request numbering) and rate-limit windows. */
    public void reset() {
        store.clear();
        stats.reset();
        faults.restartNumbering();
        limiter.reset();
    }

    public FaultScript faults() {
        return faults;
    }

    /** Blocks until {@link #close()} is called (from another thread or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops at once: open connections, delayed responses and hanging requests are dropped. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        responder.releaseAll();
        timer.shutdownNow();
        workers.shutdownNow();
        LOG.info("Braze sandbox on port {} stopped after {} requests", port(), stats.requests.sum());
        closed.countDown();
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.equals("/users/track") || path.equals("/users/track/bulk")) {
                if (exchange.getRequestMethod().equals("POST")) {
                    track.handle(exchange);
                } else {
                    Responder.write(exchange, HttpReply.message(405, "use POST").withHeaders(Map.of("Allow", "POST")));
                }
            } else if (path.startsWith("/sandbox/")) {
                admin.handle(exchange);
            } else {
                Responder.write(exchange, HttpReply.message(404, "not found"));
            }
        } catch (RuntimeException e) {
            LOG.warn("the sandbox failed on {} {}", exchange.getRequestMethod(), path, e);
            Responder.write(exchange, HttpReply.message(500, "sandbox failure: " + e));
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
