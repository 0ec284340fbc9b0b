package io.ridematch.contract.geo;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * How long driving takes. A route is the great-circle distance stretched by a detour factor (streets are not
 * straight; 1.3 is the usual ratio for a grid city like Manhattan). It is driven at the average speed, times
 * the factor of the hour it starts in (rush hours are slow), times the factor of the first slow zone that
 * contains its start (a congested core); one speed for the whole route, decided at departure.
 *
 * @param hourlyFactors 24 speed factors, 00:00 first; none means 1 all day
 * @param slowZones     circles with their own speed factor; none means the same speed everywhere
 * @param zone          the city's time zone, to tell the hour; set by the scenario
 */
public record TravelModel(double speedKmh, double detourFactor, List<Double> hourlyFactors, List<SpeedZone> slowZones,
                          ZoneId zone) {

    /** A circle of the city where traffic moves at {@code factor} times the average speed. */
    public record SpeedZone(String name, double lat, double lng, double radiusKm, double factor) {
        public SpeedZone {
            new LatLng(lat, lng);
            if (!(radiusKm > 0) || !(factor > 0 && factor <= 5)) {
                throw new IllegalArgumentException("travel.slowZones: " + name + " needs radiusKm > 0 and factor in (0, 5]");
            }
        }

        boolean contains(LatLng p) {
            return p.distanceMeters(new LatLng(lat, lng)) <= radiusKm * 1000;
        }
    }

    public TravelModel {
        if (!(speedKmh > 0 && speedKmh <= 200)) {
            throw new IllegalArgumentException("travel.speedKmh must be in (0, 200], was " + speedKmh);
        }
        if (!(detourFactor >= 1 && detourFactor <= 3)) {
            throw new IllegalArgumentException("travel.detourFactor must be in [1, 3], was " + detourFactor);
        }
        hourlyFactors = hourlyFactors == null ? List.of() : List.copyOf(hourlyFactors);
        if (!hourlyFactors.isEmpty() && (hourlyFactors.size() != 24
                || hourlyFactors.stream().anyMatch(f -> f == null || !(f > 0 && f <= 5)))) {
            throw new IllegalArgumentException("travel.hourlyFactors must list 24 factors in (0, 5], 00:00 first");
        }
        slowZones = slowZones == null ? List.of() : List.copyOf(slowZones);
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    /** The same speed everywhere and always. */
    public TravelModel(double speedKmh, double detourFactor) {
        this(speedKmh, detourFactor, List.of(), List.of(), null);
    }

    public TravelModel inTimeZone(ZoneId cityZone) {
        return new TravelModel(speedKmh, detourFactor, hourlyFactors, slowZones, cityZone);
    }

    public double routeMeters(LatLng from, LatLng to) {
        return from.distanceMeters(to) * detourFactor;
    }

    /** A trip as the trip service times and prices it: whole route metres, and seconds to drive them. */
    public record Trip(long meters, long seconds) {
    }

    /** The trip from {@code from} to {@code to} leaving at {@code departure}; the live map draws the same one. */
    public Trip trip(LatLng from, LatLng to, Instant departure) {
        long meters = Math.round(routeMeters(from, to));
        return new Trip(meters, secondsFor(meters, from, departure));
    }

    /** Seconds to drive {@code routeMeters} starting at {@code from} at {@code departure}. */
    public long secondsFor(double routeMeters, LatLng from, Instant departure) {
        return Math.round(routeMeters / (speedKmh / 3.6 * factorAt(from, departure)));
    }

    /** Seconds at the plain average speed. */
    public long secondsFor(double routeMeters) {
        return Math.round(routeMeters / (speedKmh / 3.6));
    }

    double factorAt(LatLng from, Instant departure) {
        double factor = hourlyFactors.isEmpty() ? 1 : hourlyFactors.get(departure.atZone(zone).getHour());
        for (SpeedZone z : slowZones) {
            if (z.contains(from)) {
                return factor * z.factor();
            }
        }
        return factor;
    }
}
