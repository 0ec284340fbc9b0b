package io.ridematch.cli;

import io.ridematch.cli.CompareCommand.Difference;
import io.ridematch.cli.CompareCommand.Replicated;
import io.ridematch.cli.CompareCommand.Run;
import io.ridematch.cli.CompareCommand.Variant;
import io.ridematch.city.UsageException;
import io.ridematch.stats.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code compare --seeds}: the seeds asked for, each column's KPIs over them as estimates, each column's difference
 * against the first paired by seed, and the table that prints them.
 */
final class Replications {

    private Replications() {
    }

    /** The KPIs replications estimate, as the table names them. */
    private static final Map<String, Function<Run, Double>> REPLICATED = replicatedKpis();

    private static Map<String, Function<Run, Double>> replicatedKpis() {
        Map<String, Function<Run, Double>> kpis = new LinkedHashMap<>();
        kpis.put("rides requested", r -> (double) r.outcomes().requested());
        kpis.put("completed", r -> (double) r.outcomes().completed());
        kpis.put("served %", r -> r.kpis().servedPercent());
        kpis.put("cancelled %", r -> r.kpis().cancelledPercent());
        kpis.put("mean wait s", r -> r.kpis().meanWaitSeconds());
        kpis.put("wait p50 s", r -> r.kpis().waitP50Seconds());
        kpis.put("wait p95 s", r -> r.kpis().waitP95Seconds());
        kpis.put("pickup ETA s", r -> r.kpis().meanPickupEtaSeconds());
        kpis.put("utilisation %", r -> r.kpis().utilisation() * 100);
        kpis.put("empty km %", r -> r.kpis().emptyKmRatio() * 100);
        kpis.put("mean surge", r -> r.kpis().meanSurge());
        kpis.put("wall s", Run::wallSeconds);
        return kpis;
    }

    /** {@code 1-5}, {@code 1,4,9}, {@code 1-3,10}: at most 1,000 seeds, each once. */
    static List<Long> seedsOf(String text) {
        LinkedHashSet<Long> all = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                long from = Long.parseLong(dash < 0 ? p : p.substring(0, dash).trim());
                long to = dash < 0 ? from : Long.parseLong(p.substring(dash + 1).trim());
                if (to < from || to - from >= 1000) {
                    throw new UsageException("--seeds: " + p + " is not a range from low to high of 1,000 at most");
                }
                for (long s = from; s <= to; s++) {
                    all.add(s);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--seeds: '" + p + "' is not a seed or a range of seeds (1-10, 1,4,9)");
            }
        }
        if (all.size() > 1000) {
            throw new UsageException("--seeds: " + all.size() + " seeds; 1,000 at most");
        }
        return List.copyOf(all);
    }

    static Map<String, Estimate> estimates(List<Run> runs, Variant variant) {
        Map<String, Estimate> estimates = new LinkedHashMap<>();
        List<Run> of = runs.stream().filter(variant::ran).toList();
        REPLICATED.forEach((name, kpi) -> estimates.put(name, Estimate.of(of.stream().map(kpi).toList())));
        return estimates;
    }

    /** Seed by seed: the runs of {@code of} less those of {@code against} with the same seed. */
    static Map<String, Estimate> differences(List<Run> runs, Variant against, Variant of) {
        List<Run> a = runs.stream().filter(against::ran).toList();
        List<Run> b = runs.stream().filter(of::ran).toList();
        int n = Math.min(a.size(), b.size()); // a run stopped early leaves one side short
        Map<String, Estimate> differences = new LinkedHashMap<>();
        REPLICATED.forEach((name, kpi) -> differences.put(name, Estimate.pairedDifference(
                a.subList(0, n).stream().map(kpi).toList(), b.subList(0, n).stream().map(kpi).toList())));
        return differences;
    }

    /** A variant's column heading: its matcher, and its architecture where several are compared. */
    static String columnOf(Variant variant, List<Variant> all) {
        boolean styles = all.stream().map(Variant::style).distinct().count() > 1;
        return styles ? variant.style().label() + " " + variant.label() : variant.label();
    }

    /** @param run what ran, for the title: the city, and the speed where it was not max */
    static String table(String run, List<Long> seedList, List<Variant> variants, List<Replicated> replicated,
                        List<Difference> differences) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nridematch compare: %s, %d seeds (%s), mean ± 95 %% confidence interval%n", run, seedList.size(),
                seedsText(seedList)));
        List<String> headings = new ArrayList<>();
        variants.forEach(v -> headings.add(columnOf(v, variants)));
        differences.forEach(d -> headings.add(d.of() + " - " + d.against()));
        out.append(String.format(Locale.ROOT, "  %-18s", ""));
        headings.forEach(h -> out.append(String.format(Locale.ROOT, "%22s", h)));
        out.append('\n');
        for (String kpi : REPLICATED.keySet()) {
            out.append(String.format(Locale.ROOT, "  %-18s", kpi));
            replicated.forEach(r -> out.append(String.format(Locale.ROOT, "%22s", cell(r.kpis().get(kpi), false))));
            differences.forEach(d -> out.append(String.format(Locale.ROOT, "%22s", cell(d.kpis().get(kpi), true))));
            out.append('\n');
        }
        if (!differences.isEmpty()) {
            out.append("  * the difference is significant at the 5 % level (paired by seed, Student's t)\n");
        }
        return out.toString();
    }

    private static String cell(Estimate estimate, boolean difference) {
        double scale = Math.abs(estimate.mean()) >= 1000 ? 0 : Math.abs(estimate.mean()) >= 10 ? 1 : 2;
        String format = "%" + (difference ? "+" : "") + ",." + (int) scale + "f";
        String mean = String.format(Locale.ROOT, format, estimate.mean());
        if (Double.isNaN(estimate.halfWidth())) {
            return mean;
        }
        return mean + " ± " + String.format(Locale.ROOT, "%,." + (int) scale + "f", estimate.halfWidth())
                + (difference && estimate.excludesZero() ? " *" : difference ? "  " : "");
    }

    private static String seedsText(List<Long> seedList) {
        boolean consecutive = seedList.get(seedList.size() - 1) - seedList.get(0) == seedList.size() - 1;
        return consecutive ? seedList.get(0) + "-" + seedList.get(seedList.size() - 1)
                : seedList.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }
}
