package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The promise of --speed max: a seed and a scenario reproduce a run's outcomes and KPIs exactly. */
class DeterminismTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void sameSeedSameOutcomesAndKpis() throws Exception {
        RunReport first = run(42);
        RunReport second = run(42);
        RunReport otherSeed = run(43);

        assertThat(second.outcomes()).isEqualTo(first.outcomes());
        assertThat(second.kpis()).isEqualTo(first.kpis());
        assertThat(otherSeed.outcomes()).isNotEqualTo(first.outcomes());
        assertThat(first.outcomes().requested()).isGreaterThan(100);
    }

    private static RunReport run(long seed) throws Exception {
        Scenario scenario = ScenarioFile.load("small-town");
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(1), null, 0, seed, 0, null);
        return SimulationRun.run(scenario, config, Duration.ZERO, QUIET);
    }
}
