package dev.sluice.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.lambda.testing.LocalAws;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hooks, called as the JVM would around a snapshot (no CRaC JVM here): after a restore
 * the runtime is built again from the environment as it is then, with clients that work.
 */
class SnapStartRuntimeTest {
    private static final LocalAws AWS = LocalAws.get();

    @Test
    void aRestoreBuildsTheRuntimeAgainFromTheEnvironmentOfThatMoment() throws Exception {
        Map<String, String> env = new HashMap<>(AWS.env());
        env.put("BRAZE_API_URL", "https://rest.iad-01.braze.com");
        env.put("BRAZE_API_KEY", "key-before-the-snapshot");
        env.put("LEDGER_TABLE", AWS.newLedgerTable());
        env.put("BRAZE_CONCURRENCY", "8");
        SnapStartRuntime<LambdaRuntime> holder = new SnapStartRuntime<>(() -> env, LambdaRuntime::create);
        LambdaRuntime before = holder.get();

        holder.beforeCheckpoint(null);
        env.put("BRAZE_CONCURRENCY", "16");
        holder.afterRestore(null);

        LambdaRuntime after = holder.get();
        assertThat(after).isNotSameAs(before);
        assertThat(before.settings().braze().concurrency()).isEqualTo(8);
        assertThat(after.settings().braze().concurrency()).isEqualTo(16);
        String bucket = AWS.newBucket();
        assertThat(after.services().s3().headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
        assertThat(after.services().dynamo().describeTable(b -> b.tableName(env.get("LEDGER_TABLE"))).table())
                .isNotNull();
    }
}
