package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import java.util.List;
import java.util.Optional;

/** The drivers who can take a ride now, searchable by distance. */
public interface DriverIndex {

    void put(String driverId, LatLng position);

    void remove(String driverId);

    boolean contains(String driverId);

    int size();

    /** The closest driver within {@code maxMeters} (great-circle), ties broken by the smaller id. */
    Optional<Candidate> nearest(LatLng from, double maxMeters);

    /** The {@code k} closest within {@code maxMeters}, closest first (ties by id). */
    default List<Candidate> nearest(LatLng from, double maxMeters, int k) {
        return within(from, maxMeters).stream()
                .sorted(java.util.Comparator.comparingDouble(Candidate::distanceMeters).thenComparing(Candidate::driverId))
                .limit(k).toList();
    }

    /** Every driver in the index, with its position, in no particular order. */
    void forEach(java.util.function.BiConsumer<String, LatLng> action);

    /** Everything within {@code maxMeters} of {@code from}, in no particular order. */
    List<Candidate> within(LatLng from, double maxMeters);

    record Candidate(String driverId, LatLng position, double distanceMeters) {
    }
}
