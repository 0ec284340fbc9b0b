package io.ridematch.domain.travel;

import io.ridematch.domain.geo.LatLng;

/**
 * How long driving takes: the great-circle distance stretched by a detour factor (streets are not straight;
 * 1.3 is the usual ratio for a grid city like Manhattan), driven at one average speed.
 */
public record TravelModel(double speedKmh, double detourFactor) {

    public TravelModel {
        if (!(speedKmh > 0 && speedKmh <= 200)) {
            throw new IllegalArgumentException("travel.speedKmh must be in (0, 200], was " + speedKmh);
        }
        if (!(detourFactor >= 1 && detourFactor <= 3)) {
            throw new IllegalArgumentException("travel.detourFactor must be in [1, 3], was " + detourFactor);
        }
    }

    public double routeMeters(LatLng from, LatLng to) {
        return from.distanceMeters(to) * detourFactor;
    }

    public long travelSeconds(LatLng from, LatLng to) {
        return secondsFor(routeMeters(from, to));
    }

    public long secondsFor(double routeMeters) {
        return Math.round(routeMeters / (speedKmh / 3.6));
    }
}
