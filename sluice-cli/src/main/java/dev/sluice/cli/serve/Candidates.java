package dev.sluice.cli.serve;

import dev.sluice.core.pipeline.Source;
import dev.sluice.core.source.ObjectInfo;
import java.util.ArrayList;
import java.util.List;

/** Which files of a folder or bucket a pipeline takes: its prefix and suffixes, never its done/failed folders or rejects files. */
final class Candidates {
    private Candidates() {
    }

    /** @param key relative to the pipeline's folder or bucket prefix */
    static boolean wanted(Source source, String key) {
        return key.startsWith(source.prefix())
                && source.matchesSuffix(key)
                && !key.endsWith(".rejects.csv")
                && !key.startsWith(source.done())
                && !key.startsWith(source.failed());
    }

    static List<ObjectInfo> of(Source source, List<ObjectInfo> listed) {
        List<ObjectInfo> files = new ArrayList<>();
        for (ObjectInfo file : listed) {
            if (wanted(source, file.key())) {
                files.add(file);
            }
        }
        return files;
    }
}
