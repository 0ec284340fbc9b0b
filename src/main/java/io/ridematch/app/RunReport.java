package io.ridematch.app;

import io.ridematch.domain.readmodel.Kpis;
import io.ridematch.domain.readmodel.Outcomes;

/** The end of a run, as {@code --report} writes it. */
public record RunReport(String scenario, long seed, Outcomes outcomes, Kpis kpis, Performance performance) {

    /** Wall-clock figures: they vary from run to run, unlike outcomes and KPIs. */
    public record Performance(double wallSeconds, double eventsPerSecond, double ridesPerSecond,
                              double matchLatencyP50Ms, double matchLatencyP99Ms) {
    }
}
