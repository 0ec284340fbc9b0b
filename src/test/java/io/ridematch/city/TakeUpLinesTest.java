package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulator's summary lines on how soon the platform took up its riders' requests. */
class TakeUpLinesTest {

    @Test
    void aPlatformInStepGetsOneLineWithTheSimulatedTimeTheSpeedMakesOfIt() {
        assertThat(SimulationRun.takeUpLines(45, 247, 200)).containsExactly(
                "request take-up        p50 45 ms, p90 247 ms from a request to the platform's answer "
                        + "(p50 9s simulated at 200x)");
    }

    @Test
    void aPlatformBehindTheWorldIsNamedAsTheCause() {
        assertThat(SimulationRun.takeUpLines(1_347, 1_733, 600)).hasSize(2)
                .first().asString().contains("p50 1,347 ms, p90 1,733 ms").contains("p50 13m28s simulated at 600x");
        assertThat(SimulationRun.takeUpLines(1_347, 1_733, 600).get(1))
                .startsWith("the platform fell behind this speed: riders waited 13m28s of simulated time")
                .endsWith("a lower --speed keeps it in step");
    }

    @Test
    void behindMeansMoreThanASimulatedMinute() {
        assertThat(SimulationRun.takeUpLines(100, 100, 600)).as("exactly a minute").hasSize(1);
        assertThat(SimulationRun.takeUpLines(101, 101, 600)).as("a minute and 0.6 s").hasSize(2);
        assertThat(SimulationRun.takeUpLines(40, 90, 1.5).getFirst()).contains("at 1.5x");
    }
}
