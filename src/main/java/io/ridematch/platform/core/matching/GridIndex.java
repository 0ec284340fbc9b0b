package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.CellBuckets.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Points (drivers, or waiting rides) bucketed in square cells of a local equirectangular grid. {@link #nearest}
 * searches rings of cells outward and stops once no unvisited ring can hold anything closer than the best found,
 * so it is exact; {@link #within} lists everything in reach.
 */
public final class GridIndex implements DriverIndex {

    /** Lower-bound slack for the flat-grid approximation over a city-sized area. */
    private static final double PROJECTION_SLACK = 0.9;
    /**
     * Bound on the relative gap between the flat-earth distance (longitude scaled at the query's latitude) and
     * the great-circle one, for the distances a pickup spans (up to tens of km) below 70 degrees of latitude.
     */
    private static final double FLAT_ERROR = 0.01;

    private final double cellMeters;
    private final double cellDegLat;
    private final double cellDegLng;
    private final Squares squares;
    private final CellBuckets points = new CellBuckets();

    public GridIndex(double cellMeters, double referenceLatitude) {
        this.squares = new Squares(cellMeters, referenceLatitude);
        this.cellMeters = cellMeters;
        this.cellDegLat = squares.cellDegLat;
        this.cellDegLng = squares.cellDegLng;
    }

    /**
     * The grid's geometry: square cells of a local equirectangular projection, each named by one long. Shared
     * with {@link WaitingPlaces}, so both see the same cells in reach of a point.
     */
    static final class Squares {
        private final double cellMeters;
        private final double cellDegLat;
        private final double cellDegLng;

        Squares(double cellMeters, double referenceLatitude) {
            this.cellMeters = cellMeters;
            this.cellDegLat = cellMeters / LatLng.metersPerDegreeLat();
            this.cellDegLng = cellDegLat / Math.cos(Math.toRadians(referenceLatitude));
        }

        long cellOf(LatLng p) {
            return key(row(p.lat()), col(p.lng()));
        }

        int row(double lat) {
            return (int) Math.floor(lat / cellDegLat);
        }

        int col(double lng) {
            return (int) Math.floor(lng / cellDegLng);
        }

        /** Rings of cells around a point's own that hold everything within {@code maxMeters} of it. */
        int ringsFor(double maxMeters) {
            return (int) Math.ceil(maxMeters / (cellMeters * PROJECTION_SLACK)) + 1;
        }

        /**
         * Every cell that may hold a point within {@code maxMeters} of {@code from}, row by row: in each row only
         * the columns the circle of reach crosses (flat distances at the query's latitude, with slack for their
         * gap to the great circle), about 60 % of the square of rings around it.
         */
        void forEachCellAround(LatLng from, double maxMeters, java.util.function.LongConsumer action) {
            double reach = maxMeters * (1 + 5 * FLAT_ERROR) + 1;
            double metersPerDegLat = LatLng.metersPerDegreeLat();
            double metersPerDegLng = metersPerDegLat * Math.cos(Math.toRadians(from.lat()));
            double lat = from.lat();
            int rowLast = row(lat + reach / metersPerDegLat);
            for (int r = row(lat - reach / metersPerDegLat); r <= rowLast; r++) {
                double gapMeters = Math.max(0, Math.max(r * cellDegLat - lat, lat - (r + 1) * cellDegLat))
                        * metersPerDegLat;
                double spanDeg = Math.sqrt(Math.max(0, reach * reach - gapMeters * gapMeters)) / metersPerDegLng;
                int colLast = col(from.lng() + spanDeg);
                for (int c = col(from.lng() - spanDeg); c <= colLast; c++) {
                    action.accept(key(r, c));
                }
            }
        }
    }

    @Override
    public void put(String driverId, LatLng position) {
        points.put(driverId, position, cellOf(position));
    }

    @Override
    public void remove(String driverId) {
        points.remove(driverId);
    }

    @Override
    public List<Candidate> within(LatLng from, double maxMeters) {
        List<Candidate> found = new ArrayList<>();
        double cosPole = cosPole(from, maxMeters);
        int maxRing = squares.ringsFor(maxMeters);
        long cellsInReach = (2L * maxRing + 1) * (2L * maxRing + 1);
        if (points.size() * 4L < cellsInReach) {
            keepWithin(points.all(), from, maxMeters, cosPole, found);
        } else {
            squares.forEachCellAround(from, maxMeters, cell -> keepWithin(points.in(cell), from, maxMeters, cosPole,
                    found));
        }
        return found;
    }

    private static void keepWithin(List<Entry> entries, LatLng from, double maxMeters, double cosPole,
                                   List<Candidate> found) {
        if (entries == null) {
            return;
        }
        for (int i = 0, n = entries.size(); i < n; i++) {
            Entry e = entries.get(i);
            if (roughlyWithin(from, e.position, maxMeters, cosPole)) {
                double d = from.distanceMeters(e.position);
                if (d <= maxMeters) {
                    found.add(new Candidate(e.id, e.position, d));
                }
            }
        }
    }

    @Override
    public void forEach(java.util.function.BiConsumer<String, LatLng> action) {
        points.forEach(action);
    }

    @Override
    public boolean contains(String driverId) {
        return points.contains(driverId);
    }

    @Override
    public int size() {
        return points.size();
    }

    @Override
    public Optional<Candidate> nearest(LatLng from, double maxMeters) {
        return nearest(from, maxMeters, 1).stream().findFirst();
    }

    @Override
    public List<Candidate> nearest(LatLng from, double maxMeters, int k) {
        if (points.size() == 0) {
            return List.of();
        }
        int maxRing = squares.ringsFor(maxMeters);
        long cellsInReach = (2L * maxRing + 1) * (2L * maxRing + 1);
        Search search = new Search(from, maxMeters, k);
        if (points.size() * 4L < cellsInReach) {
            // Few drivers, many cells: looking at each driver is cheaper than visiting empty cells.
            points.all().forEach(search::consider);
            return search.result();
        }
        double rowF = from.lat() / cellDegLat;
        double colF = from.lng() / cellDegLng;
        int row = (int) Math.floor(rowF);
        int col = (int) Math.floor(colF);
        // how far the query is from its own cell's border: every point k rings out is that much farther
        double inset = Math.min(Math.min(rowF - row, row + 1 - rowF), Math.min(colF - col, col + 1 - colF))
                * cellMeters;
        for (int ring = 0; ring <= maxRing; ring++) {
            double ringLowerBound = ring == 0 ? 0 : ((ring - 1) * cellMeters + inset) * PROJECTION_SLACK;
            if (!search.mayHoldSomethingAt(ringLowerBound)) {
                break;
            }
            // the ring's perimeter only: its top and bottom rows, then its left and right columns
            for (int i = -ring; i <= ring; i++) {
                search.considerCell(points.in(key(row - ring, col + i)));
                if (ring > 0) {
                    search.considerCell(points.in(key(row + ring, col + i)));
                }
                if (i > -ring && i < ring) {
                    search.considerCell(points.in(key(row + i, col - ring)));
                    search.considerCell(points.in(key(row + i, col + ring)));
                }
            }
        }
        return search.result();
    }

    /**
     * One k-nearest query. Candidates are ranked first by a flat-earth distance (no trigonometry per driver),
     * which is within {@link #FLAT_ERROR} of the great-circle one at city scale; only those that could still be
     * among the k nearest get the exact haversine, which decides, ties by id.
     */
    private static final class Search {
        private final LatLng from;
        private final double maxMeters;
        private final int k;
        private final double metersPerDegLng;
        private final List<Entry> near = new ArrayList<>();
        private double[] flat = new double[32];
        /** The k smallest flat distances so far, largest on top. */
        private final PriorityQueue<Double> kBest = new PriorityQueue<>(Comparator.reverseOrder());

        Search(LatLng from, double maxMeters, int k) {
            this.from = from;
            this.maxMeters = maxMeters;
            this.k = k;
            this.metersPerDegLng = LatLng.metersPerDegreeLat() * Math.cos(Math.toRadians(from.lat()));
        }

        /** With k = 1 (every greedy lookup) a plain minimum replaces the heap. */
        private double bestFlat = Double.POSITIVE_INFINITY;

        private double kthFlat() {
            if (k == 1) {
                return bestFlat;
            }
            return kBest.size() < k ? Double.POSITIVE_INFINITY : kBest.peek();
        }

        /** Whether a point at least {@code meters} away (great-circle) could still be in the answer. */
        boolean mayHoldSomethingAt(double meters) {
            double threshold = Math.min(kthFlat() * (1 + FLAT_ERROR) / (1 - FLAT_ERROR), maxMeters * (1 + FLAT_ERROR));
            return meters * (1 - FLAT_ERROR) <= threshold;
        }

        void considerCell(List<Entry> bucket) {
            if (bucket != null) {
                for (int i = 0, n = bucket.size(); i < n; i++) {
                    consider(bucket.get(i));
                }
            }
        }

        void consider(Entry e) {
            double dy = (e.position.lat() - from.lat()) * LatLng.metersPerDegreeLat();
            double dx = (e.position.lng() - from.lng()) * metersPerDegLng;
            double d = Math.sqrt(dx * dx + dy * dy);
            // one that cannot be a finalist now never will be: the threshold only falls as better ones come
            if (d <= maxMeters * (1 + FLAT_ERROR) && d <= kthFlat() * (1 + FLAT_ERROR) / (1 - FLAT_ERROR)) {
                if (near.size() == flat.length) {
                    flat = java.util.Arrays.copyOf(flat, flat.length * 2);
                }
                flat[near.size()] = d;
                near.add(e);
                if (k == 1) {
                    bestFlat = Math.min(bestFlat, d);
                } else if (kBest.size() < k) {
                    kBest.add(d);
                } else if (d < kBest.peek()) {
                    kBest.poll();
                    kBest.add(d);
                }
            }
        }

        List<Candidate> result() {
            double threshold = kthFlat() * (1 + FLAT_ERROR) / (1 - FLAT_ERROR);
            if (k == 1) {
                return closestFinalist(threshold);
            }
            List<Candidate> finalists = new ArrayList<>();
            for (int i = 0; i < near.size(); i++) {
                if (flat[i] <= threshold) {
                    Entry e = near.get(i);
                    double d = from.distanceMeters(e.position);
                    if (d <= maxMeters) {
                        finalists.add(new Candidate(e.id, e.position, d));
                    }
                }
            }
            finalists.sort(Comparator.comparingDouble(Candidate::distanceMeters).thenComparing(Candidate::driverId));
            return finalists.size() > k ? finalists.subList(0, k) : finalists;
        }

        private List<Candidate> closestFinalist(double threshold) {
            Entry best = null;
            double bestMeters = Double.POSITIVE_INFINITY;
            for (int i = 0; i < near.size(); i++) {
                if (flat[i] <= threshold) {
                    Entry e = near.get(i);
                    double d = from.distanceMeters(e.position);
                    if (d <= maxMeters && (d < bestMeters
                            || (d == bestMeters && e.id.compareTo(best.id) < 0))) {
                        best = e;
                        bestMeters = d;
                    }
                }
            }
            return best == null ? List.of() : List.of(new Candidate(best.id, best.position, bestMeters));
        }
    }

    /**
     * A cheap test that never rejects a point within {@code meters}, so only far-away drivers are skipped before
     * the haversine: neither the latitude gap nor the longitude gap scaled by {@code cosPole} (the cosine of the
     * latitude nearest the pole within reach, the smallest one) can exceed the distance; 1 % slack for rounding.
     */
    private static boolean roughlyWithin(LatLng a, LatLng b, double meters, double cosPole) {
        double degrees = meters * 1.01 / LatLng.metersPerDegreeLat();
        return Math.abs(a.lat() - b.lat()) <= degrees && Math.abs(a.lng() - b.lng()) * cosPole <= degrees;
    }

    private static double cosPole(LatLng from, double maxMeters) {
        double reachDegrees = maxMeters * 1.01 / LatLng.metersPerDegreeLat();
        return Math.cos(Math.toRadians(Math.min(90, Math.abs(from.lat()) + reachDegrees)));
    }

    private long cellOf(LatLng p) {
        return squares.cellOf(p);
    }

    /**
     * Row and column in one long, multiplied by an odd constant: still one key per cell (the product is a
     * bijection), but spread over the hash table, where {@code row ^ col} would put whole diagonals in one bin.
     */
    private static long key(int row, int col) {
        return (((long) row << 32) | (col & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    }
}
