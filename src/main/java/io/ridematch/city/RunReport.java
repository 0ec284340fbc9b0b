package io.ridematch.city;

import io.ridematch.chain.ChainStats;
import io.ridematch.metrics.RideTimeline;
import io.ridematch.platform.core.notify.Receipts;
import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.readmodel.Outcomes;
import io.ridematch.platform.core.records.RunRecords;
import java.util.List;
import java.util.Map;

/**
 * The end of a run, as {@code --report} writes it.
 *
 * @param notified the receipts the notification service sent riders; null where no platform ran
 * @param chain    what the synchronous chain's calls did, when the platform was one; null otherwise
 * @param timeline the run minute by minute, when it was asked for; null otherwise
 * @param intervals the KPIs per interval, as {@code kpis.csv} has them, when {@code --output} asked; null otherwise
 */
public record RunReport(String scenario, long seed, Outcomes outcomes, Kpis kpis, Performance performance,
                        Receipts.Sent notified, Chain chain, List<RideTimeline.Minute> timeline,
                        List<RunRecords.Interval> intervals) {

    public RunReport(String scenario, long seed, Outcomes outcomes, Kpis kpis, Performance performance) {
        this(scenario, seed, outcomes, kpis, performance, null, null, null, null);
    }

    /** The same report with the run's KPIs per interval. */
    public RunReport withIntervals(List<RunRecords.Interval> perInterval) {
        return new RunReport(scenario, seed, outcomes, kpis, performance, notified, chain, timeline, perInterval);
    }

    /**
     * @param requestsFailed    riders' requests cancelled at once because matching could not take them in
     * @param assignmentsFailed accepted offers that could not be assigned because trips did not answer
     * @param givenUpButServed  requests the ride service gave up on that matching took in anyway, too late
     * @param calls             by the service called: attempts, failed attempts, calls given up after every attempt
     */
    public record Chain(long requestsFailed, long assignmentsFailed, long givenUpButServed,
                        Map<String, ChainStats.Calls> calls) {
        static Chain of(ChainStats stats) {
            return new Chain(stats.requestsFailed(), stats.assignmentsFailed(), stats.givenUpButServed(),
                    stats.calls());
        }
    }

    /**
     * Wall-clock figures: they vary from run to run, unlike outcomes and KPIs. With Kafka the wall time runs until
     * Kafka acknowledged the last record, and {@code kafkaRecords} counts the acknowledged records.
     * {@code longestHandlerMs} is the longest one bus handler kept its event loop busy (a garbage collection
     * pause inside it counts), on {@code longestHandlerAddress}. {@code clockSteps} counts the clock's steps: one
     * a tick, or at full speed in one process only the ticks at which something was due.
     */
    public record Performance(double wallSeconds, double eventsPerSecond, double ridesPerSecond,
                              double matchLatencyP50Ms, double matchLatencyP99Ms, long kafkaRecords,
                              double kafkaMeanRecordBytes, double longestHandlerMs, String longestHandlerAddress,
                              long clockSteps) {

        /** A run without Kafka, and no handler timed. */
        public Performance(double wallSeconds, double eventsPerSecond, double ridesPerSecond,
                           double matchLatencyP50Ms, double matchLatencyP99Ms) {
            this(wallSeconds, eventsPerSecond, ridesPerSecond, matchLatencyP50Ms, matchLatencyP99Ms, 0, 0, 0, "", 0);
        }
    }
}
