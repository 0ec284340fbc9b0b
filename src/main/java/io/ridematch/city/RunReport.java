package io.ridematch.city;

import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.readmodel.Outcomes;

/** The end of a run, as {@code --report} writes it. */
public record RunReport(String scenario, long seed, Outcomes outcomes, Kpis kpis, Performance performance) {

    /**
     * Wall-clock figures: they vary from run to run, unlike outcomes and KPIs. With Kafka the wall time runs until
     * Kafka acknowledged the last record, and {@code kafkaRecords} counts the acknowledged records.
     * {@code longestHandlerMs} is the longest one bus handler kept its event loop busy (a garbage collection
     * pause inside it counts), on {@code longestHandlerAddress}.
     */
    public record Performance(double wallSeconds, double eventsPerSecond, double ridesPerSecond,
                              double matchLatencyP50Ms, double matchLatencyP99Ms, long kafkaRecords,
                              double kafkaMeanRecordBytes, double longestHandlerMs, String longestHandlerAddress) {

        /** A run without Kafka, and no handler timed. */
        public Performance(double wallSeconds, double eventsPerSecond, double ridesPerSecond,
                           double matchLatencyP50Ms, double matchLatencyP99Ms) {
            this(wallSeconds, eventsPerSecond, ridesPerSecond, matchLatencyP50Ms, matchLatencyP99Ms, 0, 0, 0, "");
        }
    }
}
