package io.ridematch.web;

import io.ridematch.contract.geo.LatLng;

/** What {@code POST /api/rides} takes. {@code riderId} is optional. */
public record RideRequestBody(String riderId, LatLng pickup, LatLng dropoff) {
}
