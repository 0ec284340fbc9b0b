package io.ridematch.world.core;

import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.world.core.WorldScenario.Demand;
import io.ridematch.world.core.WorldScenario.Hotspot;
import java.util.List;

/** Where people are: a point near a hotspot (by weight, Gaussian around its centre) or anywhere in the area. */
final class CityGeography {

    private final BoundingBox area;
    private final List<Hotspot> hotspots;
    private final double[] cumulativeWeights;
    private final double totalWeight;

    CityGeography(BoundingBox area, Demand demand) {
        this.area = area;
        this.hotspots = demand.hotspots();
        this.cumulativeWeights = new double[hotspots.size()];
        double sum = 0;
        for (int i = 0; i < hotspots.size(); i++) {
            sum += hotspots.get(i).weight();
            cumulativeWeights[i] = sum;
        }
        this.totalWeight = sum + demand.backgroundWeight();
    }

    LatLng randomPoint(RandomSource random) {
        double pick = random.uniform() * totalWeight;
        for (int i = 0; i < hotspots.size(); i++) {
            if (pick < cumulativeWeights[i]) {
                return near(hotspots.get(i), random);
            }
        }
        return area.clamp(random.uniform(area.south(), area.north()), random.uniform(area.west(), area.east()));
    }

    /**
     * A trip's drop-off: a straight-line length drawn from an exponential distribution shifted by the minimum
     * (so short trips are common and long ones rare, as in ride-hail data), in a uniformly random direction.
     */
    LatLng dropoffFrom(LatLng pickup, double minMeters, double meanMeters, RandomSource random) {
        for (int attempt = 0; attempt < 10; attempt++) {
            double meters = minMeters - (meanMeters - minMeters) * Math.log(1 - random.uniform());
            double bearing = random.uniform(0, 2 * Math.PI);
            double lat = pickup.lat() + meters * Math.cos(bearing) / LatLng.metersPerDegreeLat();
            double lng = pickup.lng() + meters * Math.sin(bearing)
                    / (LatLng.metersPerDegreeLat() * Math.cos(Math.toRadians(pickup.lat())));
            if (lat >= area.south() && lat <= area.north() && lng >= area.west() && lng <= area.east()) {
                return new LatLng(lat, lng);
            }
        }
        return randomPoint(random); // near the edge of the map: anywhere in town will do
    }

    private LatLng near(Hotspot h, RandomSource random) {
        // radiusKm covers about two standard deviations of the spread.
        double sigmaMeters = h.radiusKm() * 1000 / 2;
        double dLat = random.gaussian() * sigmaMeters / LatLng.metersPerDegreeLat();
        double dLng = random.gaussian() * sigmaMeters / (LatLng.metersPerDegreeLat() * Math.cos(Math.toRadians(h.lat())));
        return area.clamp(h.lat() + dLat, h.lng() + dLng);
    }
}
