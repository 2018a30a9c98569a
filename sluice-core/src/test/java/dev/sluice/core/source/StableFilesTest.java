package dev.sluice.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StableFilesTest {
    private static ObjectInfo file(String key, long size, String version) {
        return new ObjectInfo(key, size, version, Instant.EPOCH);
    }

    @Test
    void aFileIsReadyOnceItIsUnchangedBetweenTwoListings() {
        StableFiles stable = new StableFiles();
        assertThat(stable.ready(List.of(file("a.csv", 10, "v1")))).isEmpty();
        assertThat(stable.ready(List.of(file("a.csv", 10, "v1")))).extracting(ObjectInfo::key).containsExactly("a.csv");
        assertThat(stable.ready(List.of(file("a.csv", 10, "v1")))).as("handed out once").isEmpty();
    }

    @Test
    void aFileStillBeingWrittenWaitsUntilItStopsGrowing() {
        StableFiles stable = new StableFiles();
        stable.ready(List.of(file("slow.csv", 5, "v1")));
        assertThat(stable.ready(List.of(file("slow.csv", 9, "v2")))).isEmpty();
        assertThat(stable.ready(List.of(file("slow.csv", 14, "v3")))).isEmpty();
        assertThat(stable.ready(List.of(file("slow.csv", 14, "v3")))).hasSize(1);
    }

    @Test
    void aNewVersionIsHandedOutAgainAndARetriedOneToo() {
        StableFiles stable = new StableFiles();
        stable.ready(List.of(file("a.csv", 10, "v1")));
        ObjectInfo first = stable.ready(List.of(file("a.csv", 10, "v1"))).get(0);
        stable.retry(first);
        assertThat(stable.ready(List.of(file("a.csv", 10, "v1")))).hasSize(1);
        stable.ready(List.of(file("a.csv", 12, "v2")));
        assertThat(stable.ready(List.of(file("a.csv", 12, "v2")))).extracting(ObjectInfo::version).containsExactly("v2");
    }

    @Test
    void aFileThatDisappearsIsForgotten() {
        StableFiles stable = new StableFiles();
        stable.ready(List.of(file("a.csv", 10, "v1")));
        stable.ready(List.of());
        assertThat(stable.ready(List.of(file("a.csv", 10, "v1")))).as("seen once since it came back").isEmpty();
    }
}
