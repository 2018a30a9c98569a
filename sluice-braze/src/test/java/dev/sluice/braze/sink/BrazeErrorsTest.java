package dev.sluice.braze.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.engine.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code errors[]} bodies the sandbox never writes (it reports one error per object, and only
 * well-formed entries), read directly: Braze's documents allow them, so the mapping must hold.
 */
class BrazeErrorsTest {

    private static List<Outcome> outcomes(int objects, String body) {
        return BrazeErrors.outcomes(objects, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void twoErrorsForOneIndexRejectThatObjectOnceWithBothReasons() {
        List<Outcome> outcomes = outcomes(3, """
                {"message":"success","errors":[
                  {"type":"first problem","input_array":"attributes","index":0},
                  {"type":"second problem","input_array":"attributes","index":0}]}""");

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.reason())
                .contains("first problem").contains("second problem"));
        assertThat(outcomes.subList(1, 3)).containsOnly(Outcome.ACCEPTED);
        assertThat(outcomes.stream().filter(o -> o instanceof Outcome.Rejected)).hasSize(1);
    }

    @Test
    void errorsAboutOtherArraysOrOutOfRangeOrWithoutAnIndexRejectNothing() {
        List<Outcome> outcomes = outcomes(2, """
                {"message":"success","errors":[
                  {"type":"bad event","input_array":"events","index":0},
                  {"type":"beyond the batch","input_array":"attributes","index":2},
                  {"type":"negative","input_array":"attributes","index":-1},
                  {"type":"no index"}]}""");

        assertThat(outcomes).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
    }

    @Test
    void aSuccessWithoutErrorsOrWithoutABodyAcceptsAll() {
        assertThat(outcomes(2, "{\"message\":\"success\",\"attributes_processed\":2}"))
                .containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
        assertThat(outcomes(1, "{\"message\":\"queued\"}")).containsExactly(Outcome.ACCEPTED);
        assertThat(BrazeErrors.outcomes(2, new byte[0])).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
        assertThat(outcomes(1, "<html>ok</html>")).containsExactly(Outcome.ACCEPTED);
    }
}
