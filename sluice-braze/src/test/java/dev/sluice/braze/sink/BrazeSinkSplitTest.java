package dev.sluice.braze.sink;

import static dev.sluice.braze.sink.SinkTestKit.await;
import static dev.sluice.braze.sink.SinkTestKit.config;
import static dev.sluice.braze.sink.SinkTestKit.raw;
import static dev.sluice.braze.sink.SinkTestKit.reason;
import static dev.sluice.braze.sink.SinkTestKit.sharedSandbox;
import static dev.sluice.braze.sink.SinkTestKit.sized;
import static dev.sluice.braze.sink.SinkTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.braze.sandbox.SandboxStats;
import dev.sluice.braze.sink.SinkTestKit.SharedSandbox;
import dev.sluice.core.engine.Outcome;
import dev.sluice.core.engine.SinkLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers about the whole request: a 400 is bisected down to the objects Braze refuses, a 413 is
 * split until the halves fit; and the batch limits the sink declares keep every body within
 * Braze's size limit. One sandbox for the class, with a 1 KiB body limit so sizes stay small.
 */
class BrazeSinkSplitTest {

    private static final int BODY_LIMIT = 1024;
    private static final String PARSE_ERROR = "Error while parsing request body";

    @RegisterExtension
    static final SharedSandbox shared = sharedSandbox(SandboxConfig.defaults().withMaxBodyBytes(BODY_LIMIT));
    private static final BrazeSandbox sandbox = shared.sandbox();

    /** Not JSON: the whole body it is part of is unparseable, so Braze answers 400 for the request. */
    private static BrazeObject broken(String id) {
        return raw("{\"external_id\":\"" + id + "\",\"a\":");
    }

    private static List<BrazeObject> users(int n, int brokenAt) {
        List<BrazeObject> objects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            objects.add(i == brokenAt ? broken("u" + i) : user("u" + i, "\"n\":" + i));
        }
        return objects;
    }

    @Test
    void a400IsBisectedUntilOnlyTheBadObjectIsRefused() {
        List<Outcome> outcomes;
        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            outcomes = await(sink.write(users(8, 5)));
            assertThat(sink.stats().retries()).isZero(); // bisecting is not retrying
        }

        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                assertThat(reason(outcomes.get(i))).contains("400").contains(PARSE_ERROR);
            } else {
                assertThat(outcomes.get(i)).as("object %d", i).isEqualTo(Outcome.ACCEPTED);
                int n = i;
                assertThat(sandbox.user("u" + i)).hasValueSatisfying(u -> assertThat(u).containsEntry("n", (long) n));
            }
        }
        SandboxStats stats = sandbox.stats();
        // 8 → 4+4 → 2+2 → 1+1: the whole batch, then two requests per level, 1 + 2·log2(8)
        assertThat(stats.requests()).isEqualTo(7);
        assertThat(stats.status(400)).isEqualTo(4);
        assertThat(stats.status(201)).isEqualTo(3);
        // a 400 applies nothing, and no accepted object was sent twice
        assertThat(stats.objectsAccepted()).isEqualTo(7);
    }

    @Test
    void twoBadObjectsCostAtMostTwoBisectionPathsOfRequests() {
        List<BrazeObject> objects = users(8, 1);
        objects.set(6, broken("u6"));

        List<Outcome> outcomes;
        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            outcomes = await(sink.write(objects));
        }

        assertThat(outcomes.stream().filter(o -> o instanceof Outcome.Rejected)).hasSize(2);
        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Rejected.class);
        assertThat(outcomes.get(6)).isInstanceOf(Outcome.Rejected.class);
        assertThat(sandbox.stats().objectsAccepted()).isEqualTo(6);
        assertThat(sandbox.stats().requests()).isLessThanOrEqualTo(1 + 2 * 2 * 3);
    }

    @Test
    void aUsersObjectsKeepTheirOrderAcrossTheHalvesOfABisection() {
        List<BrazeObject> objects = List.of(
                user("same", "\"plan\":\"first\""), broken("x"),
                user("same", "\"plan\":\"second\""), user("other", "\"plan\":\"z\""));

        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            await(sink.write(objects));
        }

        assertThat(sandbox.user("same")).hasValueSatisfying(u -> assertThat(u).containsEntry("plan", "second"));
    }

    @Test
    void a413IsSplitUntilTheHalvesFitAndAnObjectTooLargeAloneIsRejected() {
        List<BrazeObject> objects = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            objects.add(sized("s" + i, 120)); // 12 × 121 bytes: too large together, fits in halves
        }
        objects.add(3, sized("huge", BODY_LIMIT)); // with the envelope, over the limit even alone

        List<Outcome> outcomes;
        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            outcomes = await(sink.write(objects));
        }

        assertThat(outcomes).hasSize(13);
        for (int i = 0; i < 13; i++) {
            if (i == 3) {
                assertThat(reason(outcomes.get(i))).contains("413").containsIgnoringCase("too large");
            } else {
                assertThat(outcomes.get(i)).as("object %d", i).isEqualTo(Outcome.ACCEPTED);
            }
        }
        SandboxStats stats = sandbox.stats();
        assertThat(stats.status(413)).isGreaterThanOrEqualTo(2);
        assertThat(stats.objectsAccepted()).isEqualTo(12);
        assertThat(sandbox.user("huge")).isEmpty();
        for (int i = 0; i < 12; i++) {
            assertThat(sandbox.user("s" + i)).as("s%d", i).isPresent();
        }
    }

    @Test
    void theDeclaredLimitsLeaveRoomForTheEnvelope() {
        SinkLimits limits = BrazeSink.limits(75, 4 * 1024 * 1024);
        assertThat(limits.maxItems()).isEqualTo(75);
        // 4 MiB less {"attributes":[ and ]}; each item's size already counts its comma
        assertThat(limits.maxItemBytes()).isEqualTo(4 * 1024 * 1024 - "{\"attributes\":[]}".length());

        BrazeConfig defaults = config(sandbox);
        try (BrazeSink sink = BrazeSink.open(defaults)) {
            assertThat(sink.limits()).isEqualTo(limits);
        }
    }

    @Test
    void itemsFillingTheDeclaredByteLimitMakeABodyBrazeAccepts() {
        BrazeConfig config = config(sandbox).withBatch("/users/track", 75, BODY_LIMIT);
        long budget = BrazeSink.limits(75, BODY_LIMIT).maxItemBytes();

        try (BrazeSink sink = BrazeSink.open(config)) {
            assertThat(sink.limits().maxItemBytes()).isEqualTo(budget);
            for (int count : new int[] {1, 2, 7, 30}) {
                sandbox.reset();
                List<BrazeObject> objects = new ArrayList<>();
                long left = budget;
                for (int i = 0; i < count; i++) {
                    int size = (int) (i == count - 1 ? left : budget / count);
                    objects.add(sized("f" + count + "-" + i, size - 1)); // sizeBytes = json + 1
                    left -= size;
                }
                assertThat(objects.stream().mapToLong(BrazeObject::sizeBytes).sum()).isEqualTo(budget);

                assertThat(await(sink.write(objects))).as("%d items", count)
                        .hasSize(count).containsOnly(Outcome.ACCEPTED);

                SandboxStats stats = sandbox.stats();
                assertThat(stats.status(413)).as("%d items", count).isZero();
                assertThat(stats.requests()).as("%d items", count).isEqualTo(1);
                assertThat(stats.bytesReceived()).as("%d items", count).isLessThanOrEqualTo(BODY_LIMIT);
            }
        }
    }
}
