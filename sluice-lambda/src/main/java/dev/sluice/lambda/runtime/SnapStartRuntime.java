package dev.sluice.lambda.runtime;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Holds a handler's runtime ({@link LambdaRuntime}, {@link RecommendationsRuntime}) across SnapStart.
 * The handler's constructor builds it during Lambda's init phase, so the snapshot has the classes
 * loaded and the settings checked. Before the snapshot the runtime is closed (no sockets are frozen
 * into it); after a restore it is built again: new clients, credentials resolved afresh (the
 * environment's credentials are new after a restore) and the API key read again (it may have been
 * rotated since the snapshot).
 *
 * <p>Without SnapStart (or CRaC) the hooks never run and this is a plain holder: org.crac registers
 * with a no-op context then.
 *
 * @param <R> the runtime, built from the environment variables by the factory given
 */
public final class SnapStartRuntime<R extends AutoCloseable> implements Resource {
    private final Supplier<Map<String, String>> env;
    private final Function<Map<String, String>, R> factory;
    private volatile R runtime;

    public SnapStartRuntime(Supplier<Map<String, String>> env, Function<Map<String, String>, R> factory) {
        this.env = env;
        this.factory = factory;
        this.runtime = factory.apply(env.get());
        // org.crac keeps resources by weak reference: the handler holding this object keeps it alive
        Core.getGlobalContext().register(this);
    }

    public R get() {
        return runtime;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        runtime.close();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        runtime = factory.apply(env.get());
    }
}
