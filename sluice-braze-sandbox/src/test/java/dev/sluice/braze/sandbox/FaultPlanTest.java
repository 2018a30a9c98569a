package dev.sluice.braze.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void parsesFaultsWithProbabilities() {
        FaultPlan plan = FaultPlan.parse("500=0.05,429=0.02,reset=0.01,hang=0.01,502=0.1,413=0.01,html500=0.01");

        assertThat(plan.probabilities()).containsExactly(
                Map.entry(Fault.status(500), 0.05),
                Map.entry(Fault.status(429), 0.02),
                Map.entry(Fault.reset(), 0.01),
                Map.entry(Fault.hang(), 0.01),
                Map.entry(Fault.html(502), 0.1),
                Map.entry(Fault.status(413), 0.01),
                Map.entry(Fault.html(500), 0.01));
        assertThat(FaultPlan.parse("503=1").probabilities()).containsOnlyKeys(Fault.html(503));
        assertThat(plan).hasToString("500=0.05,429=0.02,reset=0.01,hang=0.01,html502=0.1,413=0.01,html500=0.01");
        assertThat(FaultPlan.parse(plan.toString())).isEqualTo(plan);
    }

    @Test
    void emptyOrNoneMeansNoFaults() {
        assertThat(FaultPlan.parse("").isEmpty()).isTrue();
        assertThat(FaultPlan.parse("none")).isEqualTo(FaultPlan.none());
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> FaultPlan.parse("500")).hasMessageContaining("'500'").hasMessageContaining("=");
        assertThatThrownBy(() -> FaultPlan.parse("600=0.1")).hasMessageContaining("unknown fault '600'");
        assertThatThrownBy(() -> FaultPlan.parse("boom=0.1")).hasMessageContaining("unknown fault 'boom'");
        assertThatThrownBy(() -> FaultPlan.parse("500=x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> FaultPlan.parse("500=1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> FaultPlan.parse("500=0.6,reset=0.5")).hasMessageContaining("add up to");
        assertThatThrownBy(() -> FaultPlan.parse("500=0.1,500=0.2")).hasMessageContaining("twice");
    }

    @Test
    void picksByCumulativeProbability() {
        FaultPlan plan = FaultPlan.parse("500=0.25,reset=0.25");

        assertThat(plan.pick(0.0)).contains(Fault.status(500));
        assertThat(plan.pick(0.3)).contains(Fault.reset());
        assertThat(plan.pick(0.5)).isEqualTo(Optional.empty());
    }

    @Test
    void faultsOnlyCarryStatusesTheyCanSend() {
        assertThatThrownBy(() -> Fault.status(201)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault(Fault.Kind.RESET, 500)).isInstanceOf(IllegalArgumentException.class);
    }
}
