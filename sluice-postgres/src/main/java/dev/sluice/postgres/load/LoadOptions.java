package dev.sluice.postgres.load;

import dev.sluice.core.engine.JobProgress;
import java.util.Objects;

/**
 * The knobs of a load that have safe defaults.
 *
 * @param badRows    what a row that cannot be loaded does: fail the whole load (the default, so a
 *                   FULL snapshot is never silently incomplete) or go to a rejects file
 * @param allowEmptyFull whether a FULL file with no rows may empty the table (default: refused, since
 *                   an empty export is far more often a broken export than an empty table)
 * @param progress   where the COPY feed reports rows and bytes as it goes (for a progress line), or null
 */
public record LoadOptions(BadRowPolicy badRows, boolean allowEmptyFull, JobProgress progress) {
    public LoadOptions {
        Objects.requireNonNull(badRows, "badRows");
    }

    public static LoadOptions defaults() {
        return new LoadOptions(BadRowPolicy.fail(), false, null);
    }

    public LoadOptions withBadRows(BadRowPolicy policy) {
        return new LoadOptions(policy, allowEmptyFull, progress);
    }

    public LoadOptions withAllowEmptyFull(boolean allow) {
        return new LoadOptions(badRows, allow, progress);
    }

    public LoadOptions withProgress(JobProgress live) {
        return new LoadOptions(badRows, allowEmptyFull, live);
    }
}
