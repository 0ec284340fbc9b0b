package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.chain.ChainStats;
import io.ridematch.platform.core.notify.Receipts;
import io.ridematch.platform.core.payment.PaymentFaults;
import io.ridematch.platform.core.payment.PaymentFaults.Outage;
import io.ridematch.web.ApiSettings;
import io.ridematch.web.LiveMapSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The platform built as events and as a synchronous call chain (issue 17): with nothing failing both decide the
 * same rides the same way; with payment down, the event-driven one pays every completed ride once it is back,
 * while the chain fails the charges that outlast its retries; with matching slow, the chain turns riders away. Both
 * send riders the same receipts.
 */
class ArchitecturesTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void bothArchitecturesReachTheSameOutcomesAndKpisWhenNothingFails() throws Exception {
        for (String matcher : List.of("greedy", "batched")) {
            Scenario town = ScenarioFile.load("small-town").withMatcher(matcher);
            RunReport events = run(town, Architecture.EVENTS, 0, Duration.ofHours(1), Duration.ZERO);
            RunReport sync = run(town, Architecture.SYNC, 0, Duration.ofHours(1), Duration.ZERO);

            assertThat(sync.outcomes()).as(matcher).isEqualTo(events.outcomes());
            assertThat(sync.kpis()).as(matcher).isEqualTo(events.kpis());
            assertThat(events.outcomes().completed()).as(matcher).isGreaterThan(100);
            assertThat(events.chain()).isNull();
            // the chain's decisions really went over HTTP, every service called and none failing
            assertThat(sync.chain().calls()).containsOnlyKeys("ride", "matching", "trips", "payment", "notifications");
            assertThat(sync.chain().calls().values()).allSatisfy(calls -> {
                assertThat(calls.attempts()).isPositive();
                assertThat(calls.failedAttempts()).isZero();
            });
            assertThat(sync.chain().calls().get("payment").attempts()).isEqualTo(sync.outcomes().paid());
            // the notification service added to both: one receipt per completed ride, none twice
            assertThat(events.notified()).as(matcher).isEqualTo(new Receipts.Sent(events.outcomes().completed(), 0));
            assertThat(sync.notified()).as(matcher).isEqualTo(events.notified());
        }
    }

    @Test
    void paymentDownLosesNoRideWithEventsAndFailsTheChargesThatOutlastTheChainsRetries() throws Exception {
        // ten simulated minutes at speed 60 are ten wall seconds: longer than the chain's six attempts take
        Scenario town = ScenarioFile.load("small-town").withPayment(new PaymentFaults(0.0, null, null,
                List.of(new Outage(LocalTime.of(7, 3), Duration.ofMinutes(10)))));
        RunReport events = run(town, Architecture.EVENTS, 60, Duration.ofMinutes(15), Duration.ZERO);
        RunReport sync = run(town, Architecture.SYNC, 60, Duration.ofMinutes(15), Duration.ZERO);

        assertThat(events.outcomes().notEnded()).isZero();
        assertThat(events.outcomes().paymentFailed()).isZero();
        assertThat(events.outcomes().paid()).isEqualTo(events.outcomes().completed()).isPositive();
        assertThat(sync.outcomes().notEnded()).isZero();
        assertThat(sync.outcomes().paymentFailed()).isPositive();
        assertThat(sync.outcomes().paid() + sync.outcomes().paymentFailed()).isEqualTo(sync.outcomes().completed());
        assertThat(sync.chain().calls().get("payment").givenUp()).isEqualTo(sync.outcomes().paymentFailed());
        // both runs were recorded minute by minute, and the outage shows in the chain's timeline
        OutageReview chainOutage = OutageReview.of(sync.timeline(), town.payment().outages().get(0));
        assertThat(chainOutage.paymentFailed()).isPositive();
        assertThat(OutageReview.of(events.timeline(), town.payment().outages().get(0)).paid()).isZero();
    }

    @Test
    void slowMatchingTurnsRidersAwayInTheChainOnly() throws Exception {
        Scenario town = ScenarioFile.load("small-town");
        // slower than the chain's one-second timeout per call
        RunReport events = run(town, Architecture.EVENTS, 60, Duration.ofMinutes(10), Duration.ofMillis(1500));
        RunReport sync = run(town, Architecture.SYNC, 60, Duration.ofMinutes(10), Duration.ofMillis(1500));

        assertThat(events.outcomes().notEnded()).isZero();
        assertThat(events.outcomes().cancelled()).isZero();
        assertThat(sync.chain().requestsFailed()).isPositive();
        assertThat(sync.outcomes().cancelled()).isGreaterThanOrEqualTo(sync.chain().requestsFailed());
        assertThat(sync.outcomes().notEnded()).isZero();
    }

    private static RunReport run(Scenario town, Architecture style, double speed, Duration duration,
                                 Duration matchingLatency) throws Exception {
        SimulateConfig config = new SimulateConfig("small-town", duration, LocalTime.of(7, 0), speed, 42, 0, null,
                LiveMapSettings.defaults(), ApiSettings.defaults(), speed > 0).withPlatform(style, matchingLatency);
        return SimulationRun.run(town, config, Duration.ZERO, QUIET);
    }
}
