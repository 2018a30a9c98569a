package dev.sluice.braze.sink;

import static dev.sluice.braze.sink.SinkTestKit.await;
import static dev.sluice.braze.sink.SinkTestKit.config;
import static dev.sluice.braze.sink.SinkTestKit.fromCsv;
import static dev.sluice.braze.sink.SinkTestKit.raw;
import static dev.sluice.braze.sink.SinkTestKit.reason;
import static dev.sluice.braze.sink.SinkTestKit.sharedSandbox;
import static dev.sluice.braze.sink.SinkTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.braze.payload.BrazeObject;
import dev.sluice.braze.sandbox.BrazeSandbox;
import dev.sluice.braze.sandbox.SandboxConfig;
import dev.sluice.braze.sandbox.SandboxStats;
import dev.sluice.braze.sink.SinkTestKit.SharedSandbox;
import dev.sluice.core.engine.Outcome;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a well-formed request's answer means: a 201 accepts the batch except the objects its
 * {@code errors[]} name, and what Braze stored is what the CSV said. One sandbox for the class,
 * with Braze's defaults.
 */
class BrazeSinkResponsesTest {

    private static final String IDENTIFIER_REQUIRED = "'external_id' or 'braze_id' or 'user_alias' is required";

    @RegisterExtension
    static final SharedSandbox shared = sharedSandbox(SandboxConfig.defaults());
    private static final BrazeSandbox sandbox = shared.sandbox();

    @Test
    void acceptedObjectsAreStoredWithTheirTypesInOneRequestCarryingBrazesHeaders() {
        List<BrazeObject> objects = fromCsv(List.of("external_id", "first_name", "age", "score", "vip"), List.of(
                List.of("123", "Ann", "34", "0.98", "TRUE"),
                List.of("u-2", "Bob", "-5", "1.5", "false"),
                List.of("0042", "Cy", "0", "2", "true")));

        try (RecordingProxy proxy = new RecordingProxy(sandbox.url());
             BrazeSink sink = BrazeSink.open(BrazeConfig.defaults(URI.create(proxy.url()), sandbox.apiKey())
                     .withRateLimit(null))) {
            assertThat(await(sink.write(objects))).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED,
                    Outcome.ACCEPTED);
            assertThat(sink.stats().requests()).isEqualTo(1);
            assertThat(sink.stats().retries()).isZero();

            assertThat(proxy.requests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/users/track");
                assertThat(request.headers())
                        .containsEntry("authorization", "Bearer " + sandbox.apiKey())
                        .containsEntry("x-braze-bulk", "true")
                        .hasEntrySatisfying("content-type", v -> assertThat(v).startsWith("application/json"));
            });
        }

        SandboxStats stats = sandbox.stats();
        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.status(201)).isEqualTo(1);
        assertThat(stats.objectsAccepted()).isEqualTo(3);
        assertThat(stats.objectsRejected()).isZero();
        // a numeric-looking external_id is a string, so it is the profile "123", and "0042" keeps its zeros
        assertThat(sandbox.user("123")).hasValueSatisfying(u -> assertThat(u)
                .containsEntry("external_id", "123")
                .containsEntry("first_name", "Ann")
                .containsEntry("age", 34L)
                .containsEntry("score", new BigDecimal("0.98"))
                .containsEntry("vip", true));
        assertThat(sandbox.user("u-2")).hasValueSatisfying(u -> assertThat(u)
                .containsEntry("age", -5L)
                .containsEntry("vip", false));
        assertThat(sandbox.user("0042")).hasValueSatisfying(u -> assertThat(u)
                .containsEntry("external_id", "0042")
                .containsEntry("age", 0L));
        assertThat(sandbox.user("42")).isEmpty();
    }

    @Test
    void errorsOfA201RejectExactlyTheObjectsTheyIndex() {
        List<BrazeObject> objects = List.of(
                user("u0", "\"a\":0"),
                raw("{\"a\":1}"),
                user("u2", "\"a\":2"),
                raw("{\"first_name\":\"nobody\"}"));

        List<Outcome> outcomes;
        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            outcomes = await(sink.write(objects));
            assertThat(sink.stats().requests()).isEqualTo(1);
        }

        assertThat(outcomes).hasSize(4);
        assertThat(outcomes.get(0)).isEqualTo(Outcome.ACCEPTED);
        assertThat(reason(outcomes.get(1))).contains("Braze").contains(IDENTIFIER_REQUIRED);
        assertThat(outcomes.get(2)).isEqualTo(Outcome.ACCEPTED);
        assertThat(reason(outcomes.get(3))).contains(IDENTIFIER_REQUIRED);

        SandboxStats stats = sandbox.stats();
        assertThat(stats.requests()).isEqualTo(1); // a 201 with errors is final: nothing is re-sent
        assertThat(stats.objectsAccepted()).isEqualTo(2);
        assertThat(stats.objectsRejected()).isEqualTo(2);
        assertThat(sandbox.user("u0")).hasValueSatisfying(u -> assertThat(u).containsEntry("a", 0L));
        assertThat(sandbox.user("u2")).hasValueSatisfying(u -> assertThat(u).containsEntry("a", 2L));
    }

    @Test
    void anObjectBrazeRefusesForItsContentCarriesBrazesReason() {
        // a numeric external_id (what the reference implementation sent for "123") is refused by Braze's rules
        List<BrazeObject> objects = List.of(raw("{\"external_id\":123,\"a\":1}"), user("ok", "\"a\":1"));

        List<Outcome> outcomes;
        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            outcomes = await(sink.write(objects));
        }

        assertThat(reason(outcomes.get(0))).contains("external_id must be a string");
        assertThat(outcomes.get(1)).isEqualTo(Outcome.ACCEPTED);
        assertThat(sandbox.user("123")).isEmpty();
        assertThat(sandbox.user("ok")).isPresent();
    }

    @Test
    void oneUsersObjectsInOneRequestApplyInOrder() {
        List<BrazeObject> objects = List.of(
                user("same", "\"plan\":\"silver\",\"seats\":1"),
                user("other", "\"plan\":\"bronze\""),
                user("same", "\"plan\":\"gold\""));

        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            assertThat(await(sink.write(objects))).containsOnly(Outcome.ACCEPTED).hasSize(3);
            assertThat(sink.stats().requests()).isEqualTo(1);
        }

        // the later object wins, and the earlier one's other attribute stays
        assertThat(sandbox.user("same")).hasValueSatisfying(u -> assertThat(u)
                .containsEntry("plan", "gold")
                .containsEntry("seats", 1L));
    }

    @Test
    void updateExistingOnlyObjectsForUnknownUsersAreAcceptedButCreateNoProfile() {
        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            await(sink.write(List.of(user("known", "\"plan\":\"free\""))));

            List<Outcome> outcomes = await(sink.write(List.of(
                    user("known", "\"_update_existing_only\":true,\"plan\":\"paid\""),
                    user("ghost", "\"_update_existing_only\":true,\"plan\":\"paid\""))));

            assertThat(outcomes).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
        }

        assertThat(sandbox.user("known")).hasValueSatisfying(u -> assertThat(u).containsEntry("plan", "paid"));
        assertThat(sandbox.user("ghost")).isEmpty();
        assertThat(sandbox.stats().objectsIgnoredNotFound()).isEqualTo(1);
        assertThat(sandbox.stats().users()).isEqualTo(1);
    }

    @Test
    void anEmptyBatchCompletesWithNoOutcomesAndSendsNothing() {
        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            assertThat(await(sink.write(List.of()))).isEmpty();
            assertThat(sink.stats().requests()).isZero();
        }
        assertThat(sandbox.stats().requests()).isZero();
    }

    @Test
    void theObjectsJsonIsSentByteForByte() {
        // non-ASCII text and a nested object survive the envelope unchanged
        BrazeObject object = user("ü-1", "\"city\":\"Zürich ☃\",\"address\":{\"zip\":\"8000\",\"since\":{\"$time\":\"2024-01-02\"}}");

        try (BrazeSink sink = BrazeSink.open(config(sandbox))) {
            assertThat(await(sink.write(List.of(object)))).containsExactly(Outcome.ACCEPTED);
        }

        assertThat(sandbox.user("ü-1")).hasValueSatisfying(u -> {
            assertThat(u).containsEntry("city", "Zürich ☃");
            assertThat(u.get("address")).isInstanceOfSatisfying(Map.class,
                    address -> assertThat(address.get("zip")).isEqualTo("8000"));
        });
        assertThat(sandbox.stats().bytesReceived()).isEqualTo("{\"attributes\":[]}".length() + object.json().length);
    }
}
