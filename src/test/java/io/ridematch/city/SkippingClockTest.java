package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.web.ApiSettings;
import io.ridematch.web.LiveMapSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * At full speed, the whole city in one process, the clock steps only at the ticks at which something is due; the
 * run is the one a clock stepping every tick gives (a set speed steps every tick, and one this high never waits).
 */
class SkippingClockTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final double NEVER_WAITS = 1e9;

    @Test
    void aQuietNightWithBatchedMatchingAndADrainSkipsMostTicksAndEndsAlike() throws Exception {
        Scenario night = ScenarioFile.load("small-town").withDemandScaled(0.3).withMatcher("batched");
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(5), LocalTime.of(22, 0), 0, 7, 0,
                null, LiveMapSettings.defaults(), ApiSettings.defaults(), true);

        RunReport skipping = SimulationRun.run(night, config, Duration.ZERO, QUIET);
        RunReport stepping = SimulationRun.run(night, atSetSpeed(config), Duration.ZERO, QUIET);

        assertThat(skipping.outcomes().requested()).isGreaterThan(100);
        assertThat(skipping.outcomes().allEnded()).isTrue();
        assertThat(skipping.outcomes()).isEqualTo(stepping.outcomes());
        assertThat(skipping.kpis()).isEqualTo(stepping.kpis());
        assertThat(stepping.performance().clockSteps()).isGreaterThanOrEqualTo(5 * 3_600); // every tick
        assertThat(skipping.performance().clockSteps()).isLessThan(stepping.performance().clockSteps() / 4);
    }

    @Test
    void aBusyHourWithPingsEndsAlike() throws Exception {
        Scenario town = ScenarioFile.load("small-town").withLocationEvery(Duration.ofSeconds(4));
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(1), null, 0, 7, 0, null);

        RunReport skipping = SimulationRun.run(town, config, Duration.ZERO, QUIET);
        RunReport stepping = SimulationRun.run(town, atSetSpeed(config), Duration.ZERO, QUIET);

        assertThat(skipping.outcomes()).isEqualTo(stepping.outcomes());
        assertThat(skipping.kpis()).isEqualTo(stepping.kpis());
    }

    private static SimulateConfig atSetSpeed(SimulateConfig config) {
        return new SimulateConfig(config.scenario(), config.duration(), config.start(), NEVER_WAITS, config.seed(),
                config.httpPort(), config.report(), config.map(), config.api(), config.drain());
    }
}
