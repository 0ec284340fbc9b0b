package io.ridematch.contract.geo;

/** The rectangle a city lives in; positions the simulator draws are clamped into it. */
public record BoundingBox(double south, double west, double north, double east) {

    public BoundingBox {
        new LatLng(south, west);
        new LatLng(north, east);
        if (south >= north || west >= east) {
            throw new IllegalArgumentException("area needs south < north and west < east");
        }
    }

    public boolean contains(LatLng p) {
        return p.lat() >= south && p.lat() <= north && p.lng() >= west && p.lng() <= east;
    }

    public LatLng clamp(double lat, double lng) {
        return new LatLng(Math.max(south, Math.min(north, lat)), Math.max(west, Math.min(east, lng)));
    }

    public LatLng center() {
        return new LatLng((south + north) / 2, (west + east) / 2);
    }
}
