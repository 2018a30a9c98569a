package dev.sluice.lambda.continuation;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of an invocation an import may use: everything but a margin before Lambda's deadline. The
 * margin pays for draining the batches in flight, saving the checkpoint and invoking the continuation,
 * so it must be larger than the drain timeout (see {@code LambdaSettings}).
 *
 * <p>The context is asked again at every look rather than once: Lambda's remaining time is the truth,
 * and a test's context may count differently from the wall clock.
 */
public final class TimeBudget implements AutoCloseable {
    private static final long LOOK_EVERY_MILLIS = 100;
    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sluice-time-budget");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean spent = new AtomicBoolean();
    private final ScheduledFuture<?> watch;

    private TimeBudget(Context context, Duration margin, Runnable onSpent) {
        long marginMillis = margin.toMillis();
        this.watch = WATCHER.scheduleWithFixedDelay(() -> {
            if (context.getRemainingTimeInMillis() <= marginMillis && spent.compareAndSet(false, true)) {
                onSpent.run();
            }
        }, 0, LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches {@code context} and runs {@code onSpent} once, when no more than {@code margin} is left.
     *
     * @throws IllegalStateException when the invocation starts with no more than the margin left: the
     *                               function's timeout is too short for the margin, and a chain of
     *                               continuations would make no progress
     */
    public static TimeBudget watch(Context context, Duration margin, Runnable onSpent) {
        long left = context.getRemainingTimeInMillis();
        if (left <= margin.toMillis()) {
            throw new IllegalStateException("the invocation has " + left + " ms left and the stop margin is "
                    + margin.toMillis() + " ms: raise the function's timeout or lower STOP_MARGIN_SECONDS");
        }
        return new TimeBudget(context, margin, onSpent);
    }

    /** Whether the budget ran out (and {@code onSpent} ran). */
    public boolean spent() {
        return spent.get();
    }

    @Override
    public void close() {
        watch.cancel(false);
    }
}
