/**
 * The same platform as a synchronous call chain ({@code --architecture sync}), for the article's comparison: the
 * ride, matching, trip and payment services each behind an HTTP endpoint of its own, calling one another in a
 * chain (the ride service calls matching, matching calls trips, trips call payment) with a timeout per call,
 * bounded retries and a connection pool, instead of reacting to each other's events. The decisions are the
 * platform cores' ({@code RideBook}, {@code DispatchBoard}, {@code TripSchedule}, {@code PaymentGateway}); the
 * world and the read side still see every ride event on the bus, as they would read a database's change feed.
 */
package io.ridematch.chain;
