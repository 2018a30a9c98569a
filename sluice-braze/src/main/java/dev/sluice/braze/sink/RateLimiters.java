package dev.sluice.braze.sink;

import dev.sluice.core.rate.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One limiter per workspace in this JVM: Braze's budget is per workspace, so two jobs sending to the
 * same workspace share it instead of each believing it has all of it. The first job's limit sets the
 * budget for the life of the process.
 */
final class RateLimiters {
    private static final Map<String, WorkspaceRateLimiter> LIMITERS = new ConcurrentHashMap<>();
    static final ScheduledExecutorService SCHEDULER = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "sluice-braze-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    private RateLimiters() {
    }

    static WorkspaceRateLimiter forWorkspace(String workspace, RateLimit limit) {
        return LIMITERS.computeIfAbsent(workspace, k -> new WorkspaceRateLimiter(limit, SCHEDULER));
    }
}
