package io.ridematch.city;

import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.readmodel.Outcomes;
import java.util.Locale;

/** The summary a person reads at the end of a run. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(RunReport report, String title) {
        Outcomes o = report.outcomes();
        Kpis k = report.kpis();
        RunReport.Performance p = report.performance();
        StringBuilder out = new StringBuilder();
        out.append('\n').append(title).append('\n');
        out.append("  ------------------------------------------------------------\n");
        row(out, "rides requested", "%,d", o.requested());
        row(out, "matched to a driver", "%,d", o.matched());
        row(out, "completed", "%,d   (served %.2f %%)", o.completed(), k.servedPercent());
        row(out, "cancelled", "%,d   (%.2f %%)", o.cancelled(), k.cancelledPercent());
        row(out, "paid", "%,d", o.paid());
        if (o.paymentFailed() > 0) {
            row(out, "payment failed", "%,d   (after every retry)", o.paymentFailed());
        }
        row(out, "still in flight", "%,d", o.inFlight());
        row(out, "rider wait", "mean %.1f s   p50 %.0f s   p95 %.0f s", k.meanWaitSeconds(), k.waitP50Seconds(),
                k.waitP95Seconds());
        row(out, "pickup ETA", "mean %.1f s at assignment", k.meanPickupEtaSeconds());
        row(out, "driver utilisation", "%.1f %% of online time on a trip", k.utilisation() * 100);
        row(out, "empty km", "%.1f %% of km driven without a rider", k.emptyKmRatio() * 100);
        row(out, "surge", "mean multiplier %.2f", k.meanSurge());
        out.append("  ------------------------------------------------------------\n");
        row(out, "wall time", "%.2f s", p.wallSeconds());
        row(out, "throughput", "%,.0f events/s   %,.0f rides/s", p.eventsPerSecond(), p.ridesPerSecond());
        if (p.matchLatencyP99Ms() > 0) {
            row(out, "match latency", "p50 %.3f ms   p99 %.3f ms", p.matchLatencyP50Ms(), p.matchLatencyP99Ms());
        }
        if (p.longestHandlerMs() > 0) {
            row(out, "longest handler", "%.1f ms on %s", p.longestHandlerMs(), p.longestHandlerAddress());
        }
        if (p.clockSteps() > 0) {
            row(out, "clock steps", "%,d", p.clockSteps());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "  %-22s %s%n", label, String.format(Locale.ROOT, format, args)));
    }
}
