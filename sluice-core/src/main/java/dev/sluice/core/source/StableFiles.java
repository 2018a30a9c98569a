package dev.sluice.core.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a file that landed in a watched place is complete: when two listings in a row show it
 * with the same size and version, nobody is writing it any more. Each version is handed out once;
 * a file that changes again is handed out again once it is stable again.
 */
public final class StableFiles {
    private final Map<String, ObjectInfo> lastSeen = new HashMap<>();
    private final Set<String> handedOut = new HashSet<>();

    /** The files of this listing that were unchanged since the previous one and not handed out yet. */
    public List<ObjectInfo> ready(List<ObjectInfo> listing) {
        List<ObjectInfo> ready = new ArrayList<>();
        Map<String, ObjectInfo> seen = new HashMap<>();
        for (ObjectInfo file : listing) {
            seen.put(file.key(), file);
            ObjectInfo before = lastSeen.get(file.key());
            boolean stable = before != null && before.size() == file.size() && before.version().equals(file.version());
            if (stable && handedOut.add(identity(file))) {
                ready.add(file);
            }
        }
        lastSeen.clear();
        lastSeen.putAll(seen);
        return ready;
    }

    /** Hands this version out again at its next stable listing (its import stopped and will resume). */
    public void retry(ObjectInfo file) {
        handedOut.remove(identity(file));
    }

    private static String identity(ObjectInfo file) {
        return file.key() + '\n' + file.size() + '\n' + file.version();
    }
}
