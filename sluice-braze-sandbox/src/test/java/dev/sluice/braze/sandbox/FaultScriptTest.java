package dev.sluice.braze.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScriptTest {

    @Test
    void queuedFaultsGoToTheNextRequestsInOrder() {
        FaultScript script = new FaultScript().next(Fault.status(500)).next(Fault.reset(), 2);

        assertThat(take(script, 4)).containsExactly("500", "reset", "reset", "-");
    }

    @Test
    void afterRequestsCountsFromNow() {
        FaultScript script = new FaultScript();
        script.take();
        script.afterRequests(2, Fault.status(503), 2);

        assertThat(script.pending()).isEqualTo(2);
        assertThat(take(script, 5)).containsExactly("-", "-", "503", "503", "-");
        assertThat(script.pending()).isZero();
    }

    @Test
    void numberedFaultsComeBeforeTheQueueAndTheQueueBeforeAlways() {
        FaultScript script = new FaultScript()
                .afterRequests(0, Fault.status(502), 1)
                .next(Fault.status(500))
                .always(Fault.hang());

        assertThat(take(script, 3)).containsExactly("502", "500", "hang");
        script.clear();
        assertThat(take(script, 1)).containsExactly("-");
    }

    private static List<String> take(FaultScript script, int requests) {
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            faults.add(script.take().map(Fault::toString).orElse("-"));
        }
        return faults;
    }
}
