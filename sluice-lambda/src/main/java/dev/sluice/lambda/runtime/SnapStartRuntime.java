package dev.sluice.lambda.runtime;

import java.util.Map;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Holds the runtime across SnapStart. The handler's constructor builds it during Lambda's init phase,
 * so the snapshot has the classes loaded and the settings checked. Before the snapshot the AWS
 * clients are closed (no sockets are frozen into it); after a restore the runtime is built again:
 * new clients, credentials resolved afresh (the environment's credentials are new after a restore)
 * and the API key read again (it may have been rotated since the snapshot).
 *
 * <p>Without SnapStart (or CRaC) the hooks never run and this is a plain holder: org.crac registers
 * with a no-op context then.
 */
public final class SnapStartRuntime implements Resource {
    private final Supplier<Map<String, String>> env;
    private volatile LambdaRuntime runtime;

    public SnapStartRuntime(Supplier<Map<String, String>> env) {
        this.env = env;
        this.runtime = LambdaRuntime.create(env.get());
        // org.crac keeps resources by weak reference: the handler holding this object keeps it alive
        Core.getGlobalContext().register(this);
    }

    public LambdaRuntime get() {
        return runtime;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        runtime.close();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        runtime = LambdaRuntime.create(env.get());
    }
}
