package io.ridematch.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DomainBus.Refusal;
import io.ridematch.contract.CancelReason;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.time.SimClock;
import io.ridematch.json.EventTypes;
import io.ridematch.json.Json;
import io.ridematch.platform.core.readmodel.RideHistory;
import io.ridematch.platform.core.readmodel.RideQuery;
import io.ridematch.platform.core.ride.RideStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The HTTP API: riders' requests go in as ride commands, reads come from the projection. Bad input gets a
 * 4xx with a problem body and changes nothing.
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** Leaflet as the webjar puts it on the class path. */
    private static final String LEAFLET = "META-INF/resources/webjars/leaflet/1.9.4/dist";
    /** Largest WebSocket frame either way; the map's bigger messages go out in several frames. */
    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final int MAX_RIDER_ID = 64;
    static final int IDLE_SECONDS = 20;
    /** A request's headers must be complete this long after its connection opened or its last response. */
    static final int HEADERS_SECONDS = 10;
    /** A request must be read and answered this long after its headers: a body trickled in a byte at a time ends. */
    static final int REQUEST_SECONDS = 15;
    private static final String BODY_READ = "ridematch.bodyRead";

    private final DomainBus bus;
    private final Function<RideCommand, Future<CommandAccepted>> commands;
    private final SimClock clock;
    private final int port;
    private final PrometheusMeterRegistry metrics;
    private final LiveMapVerticle liveMap;
    private final BoundingBox area;
    private final ApiSettings api;
    /** Per client address: a token bucket of writes, refilled at {@code api.requestsPerSecond()}. */
    private final Map<String, double[]> buckets = new java.util.HashMap<>();
    private HttpServer server;
    /** Per open connection waiting for a request's headers: the timer that closes it when they do not come. */
    private final Map<HttpConnection, Long> headerDeadlines = new java.util.HashMap<>();

    /**
     * @param metrics the registry {@code GET /metrics} shows, or null for none
     * @param liveMap the feed behind the live map's WebSocket {@code /live}, or null for no map
     * @param area    the city's area: a pickup or drop-off outside it is refused with a 422; null takes any
     * @param api     the token and the per-client rate that guard ride requests and cancels
     */
    public HttpApiVerticle(DomainBus bus, SimClock clock, int port, PrometheusMeterRegistry metrics,
                           LiveMapVerticle liveMap, BoundingBox area, ApiSettings api) {
        this(bus, clock, port, metrics, liveMap, area, api, bus::send);
    }

    /** @param commands where ride requests and cancels go: the ride service, or the owner of the ride's zone */
    public HttpApiVerticle(DomainBus bus, SimClock clock, int port, PrometheusMeterRegistry metrics,
                           LiveMapVerticle liveMap, BoundingBox area, ApiSettings api,
                           Function<RideCommand, Future<CommandAccepted>> commands) {
        this.commands = commands;
        this.api = api;
        this.area = area;
        this.bus = bus;
        this.clock = clock;
        this.port = port;
        this.metrics = metrics;
        this.liveMap = liveMap;
    }

    /** The port the server listens on (useful when started on port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(TimeoutHandler.create(REQUEST_SECONDS * 1000L, 408));
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024))
                .handler(ctx -> {
                    ctx.put(BODY_READ, true);
                    ctx.next();
                })
                .failureHandler(this::unreadableBody);
        router.post("/api/rides").handler(this::guardWrite).handler(this::requestRide);
        router.post("/api/rides/:id/cancel").handler(this::guardWrite).handler(this::cancelRide);
        router.get("/api/rides").handler(this::listRides);
        router.get("/api/rides/:id").handler(ctx -> query(ctx, Addresses.QUERY_RIDE, ctx.pathParam("id")));
        router.get("/api/rides/:id/events").handler(this::rideHistory);
        router.get("/api/drivers/:id").handler(ctx -> query(ctx, Addresses.QUERY_DRIVER, ctx.pathParam("id")));
        router.get("/api/stats").handler(ctx -> query(ctx, Addresses.QUERY_STATS, "city"));
        router.get("/api/cluster").handler(this::cluster);
        router.get("/health").handler(ctx -> json(ctx, 200, Map.of("status", "UP")));
        if (metrics != null) {
            router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
        }
        if (liveMap != null) {
            router.get("/live").handler(this::upgradeToLiveMap);
            router.get("/leaflet/*").handler(StaticHandler.create(LEAFLET));
            router.get("/*").handler(StaticHandler.create("webroot"));
        }
        router.errorHandler(404, ctx -> problem(ctx, 404, "Not Found", "no resource at " + ctx.request().path()));
        router.errorHandler(405, ctx -> problem(ctx, 405, "Method Not Allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(408, ctx -> {
            ctx.response().putHeader("Connection", "close");
            problem(ctx, 408, "Request Timeout", "the request was not complete within " + REQUEST_SECONDS + " s");
        });
        router.errorHandler(413, ctx -> problem(ctx, 413, "Payload Too Large", "bodies are limited to 64 KiB"));
        router.errorHandler(500, ctx -> {
            System.err.println("ridematch: HTTP " + ctx.request().method() + " " + ctx.request().path() + " failed: "
                    + ctx.failure());
            problem(ctx, 500, "Internal Server Error", "the request could not be handled; the server log has the cause");
        });
        // the live map only sends: a viewer's frames in, and the server's frames out, stay small
        // a connection that sends nothing for IDLE_SECONDS is closed: half-open sockets cannot pile up
        HttpServerOptions options = new HttpServerOptions().setMaxWebSocketFrameSize(MAX_FRAME_BYTES)
                .setMaxWebSocketMessageSize(MAX_FRAME_BYTES).setIdleTimeout(IDLE_SECONDS)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        return vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    connection.closeHandler(v -> headersCame(connection));
                    awaitHeaders(connection);
                })
                .requestHandler(request -> {
                    headersCame(request.connection());
                    request.response().endHandler(v -> awaitHeaders(request.connection()));
                    router.handle(request);
                })
                .listen(port).onSuccess(s -> server = s);
    }

    /** Headers trickled in a byte at a time never reach the router: the connection is closed when they are late. */
    private void awaitHeaders(HttpConnection connection) {
        headersCame(connection);
        long timer = vertx.setTimer(HEADERS_SECONDS * 1000L, t -> {
            headerDeadlines.remove(connection);
            connection.close();
        });
        headerDeadlines.put(connection, timer);
    }

    private void headersCame(HttpConnection connection) {
        Long timer = headerDeadlines.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void upgradeToLiveMap(RoutingContext ctx) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            ctx.response().putHeader("Upgrade", "websocket");
            problem(ctx, 426, "Upgrade Required", "/live is the live map's WebSocket; open it with a WebSocket client");
            return;
        }
        ctx.request().toWebSocket().onSuccess(liveMap::accept);
    }

    private void requestRide(RoutingContext ctx) {
        RideRequestBody body;
        try {
            body = Json.mapper().readValue(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(),
                    RideRequestBody.class);
        } catch (UnrecognizedPropertyException e) {
            problem(ctx, 400, "Malformed Request", "unknown field '" + e.getPropertyName()
                    + "'; a ride request has riderId, pickup and dropoff");
            return;
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(java.util.stream.Collectors.joining("."));
            if (cause instanceof IllegalArgumentException invalid) {
                problem(ctx, 422, "Invalid Ride Request", invalid.getMessage());
            } else {
                problem(ctx, 400, "Malformed Request", field.isEmpty() ? "the body is not a ride request"
                        : "'" + field + "' has a value of the wrong kind (coordinates are numbers, riderId a string)");
            }
            return;
        } catch (java.io.IOException e) {
            problem(ctx, 400, "Malformed Request", "the body is not valid JSON");
            return;
        }
        String invalid = invalidRequest(body);
        if (invalid != null) {
            problem(ctx, 422, "Invalid Ride Request", invalid);
            return;
        }
        String rideId = "ride-" + UUID.randomUUID();
        String riderId = body.riderId() == null || body.riderId().isBlank() ? "rider-api" : body.riderId();
        RideCommand command = new RequestRide(rideId, riderId, body.pickup(), body.dropoff(), clock.now());
        commands.apply(command).onComplete(reply -> {
            if (reply.succeeded()) {
                ctx.response().putHeader("Location", "/api/rides/" + rideId);
            }
            if (reply.succeeded() && reply.result().forwardedToZone() != null) {
                forwarded(ctx, rideId, reply.result().forwardedToZone());
            } else if (reply.succeeded()) {
                json(ctx, 201, Map.of("rideId", rideId, "status", "requested"));
            } else {
                replyFailure(ctx, reply.cause());
            }
        });
    }

    /** A body the HTTP decoder could not read (a malformed chunk, say) is the client's error: a 400 problem. */
    private void unreadableBody(RoutingContext ctx) {
        if (ctx.get(BODY_READ) != null || ctx.response().headWritten() || ctx.statusCode() == 413
                || ctx.statusCode() == 408) {
            ctx.next(); // the body was read (or is too large, or late): the failure is someone else's to answer
            return;
        }
        problem(ctx, 400, "Malformed Request", "the request body could not be read (a malformed chunked encoding?)");
        ctx.request().connection().close(); // the stream is out of step: nothing after it on this connection
    }

    /** Writes need the token when one is set, and stay within the client's rate. */
    private void guardWrite(RoutingContext ctx) {
        if (api.token() != null && !("Bearer " + api.token()).equals(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, 401, "Unauthorized", "ride requests and cancels need 'Authorization: Bearer <token>' "
                    + "(the --api-token the platform was started with)");
            return;
        }
        String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        long now = System.nanoTime();
        double rate = api.requestsPerSecond();
        if (buckets.size() > 10_000) {
            buckets.clear(); // a flood of addresses: forget them rather than grow
        }
        double[] bucket = buckets.computeIfAbsent(client, c -> new double[] {2 * rate, now});
        bucket[0] = Math.min(2 * rate, bucket[0] + (now - bucket[1]) / 1e9 * rate);
        bucket[1] = now;
        if (bucket[0] < 1) {
            ctx.response().putHeader("Retry-After", "1");
            problem(ctx, 429, "Too Many Requests", "at most " + api.requestsPerSecond()
                    + " ride requests and cancels a second from one client");
            return;
        }
        bucket[0] -= 1;
        ctx.next();
    }

    /** Null when the request can become a ride, else what is wrong with it, for the 422. */
    private String invalidRequest(RideRequestBody body) {
        if (body == null || body.pickup() == null || body.dropoff() == null) {
            return "pickup and dropoff are required, as {\"lat\":..,\"lng\":..}";
        }
        if (body.riderId() != null && (body.riderId().length() > MAX_RIDER_ID
                || body.riderId().chars().anyMatch(Character::isISOControl))) {
            return "riderId must be at most " + MAX_RIDER_ID + " characters, without control characters";
        }
        if (area != null && !area.contains(body.pickup())) {
            return "the pickup lies outside the city's area " + areaText();
        }
        if (area != null && !area.contains(body.dropoff())) {
            return "the dropoff lies outside the city's area " + areaText();
        }
        return null;
    }

    private String areaText() {
        return String.format(java.util.Locale.ROOT, "(lat %.4f to %.4f, lng %.4f to %.4f)", area.south(),
                area.north(), area.west(), area.east());
    }

    private void cancelRide(RoutingContext ctx) {
        String rideId = ctx.pathParam("id");
        commands.apply(new CancelRide(rideId, CancelReason.RIDER_CANCELLED, clock.now())).onComplete(reply -> {
            if (reply.succeeded() && reply.result().forwardedToZone() != null) {
                forwarded(ctx, rideId, reply.result().forwardedToZone());
            } else if (reply.succeeded()) {
                json(ctx, 200, Map.of("rideId", rideId, "status", "cancelled"));
            } else {
                replyFailure(ctx, reply.cause());
            }
        });
    }

    /**
     * 202: another platform process owns the ride's zone; the command is in the log for it, and it decides (the
     * ride's page shows what it decided).
     */
    private static void forwarded(RoutingContext ctx, String rideId, int zone) {
        json(ctx, 202, Map.of("rideId", rideId, "status", "forwarded", "zone", zone,
                "detail", "zone " + zone + " is decided by another platform process; the command went to it"));
    }

    /** {@code GET /api/rides?status=&zone=&limit=}: a 400 problem names a parameter it cannot use. */
    private void listRides(RoutingContext ctx) {
        var params = ctx.queryParams();
        for (String name : params.names()) {
            if (!List.of("status", "zone", "limit").contains(name)) {
                problem(ctx, 400, "Bad Request", "unknown query parameter '" + name + "' (status, zone, limit)");
                return;
            }
        }
        RideQuery query;
        try {
            query = new RideQuery(statusOf(params.get("status")), params.get("zone"),
                    params.get("limit") == null ? RideQuery.DEFAULT_LIMIT : Integer.parseInt(params.get("limit")));
        } catch (NumberFormatException e) {
            problem(ctx, 400, "Bad Request", "limit must be a whole number from 1 to " + RideQuery.MAX_LIMIT
                    + ", was '" + params.get("limit") + "'");
            return;
        } catch (IllegalArgumentException e) {
            problem(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        bus.<RideQuery.Answer>query(Addresses.QUERY_RIDES, query).onComplete(reply -> {
            if (reply.succeeded()) {
                json(ctx, 200, Map.of("rides", reply.result().rides(), "matched", reply.result().matched(),
                        "limit", query.limit()));
            } else {
                replyFailure(ctx, reply.cause());
            }
        });
    }

    private static RideStatus statusOf(String text) {
        if (text == null) {
            return null;
        }
        for (RideStatus status : RideStatus.values()) {
            if (status != RideStatus.NONE && Json.kebab(status).equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be one of requested, assigned, started, completed, paid, "
                + "payment-failed, cancelled, was '" + text + "'");
    }

    private void query(RoutingContext ctx, String address, String key) {
        bus.query(address, key).onComplete(reply -> {
            if (reply.succeeded()) {
                json(ctx, 200, reply.result());
            } else {
                replyFailure(ctx, reply.cause());
            }
        });
    }

    /** This platform in its Kafka consumer group; a process with no group (one process, no Kafka) has none. */
    private void cluster(RoutingContext ctx) {
        bus.query(Addresses.QUERY_CLUSTER, "cluster").onComplete(reply -> {
            if (reply.succeeded()) {
                json(ctx, 200, reply.result());
            } else if (reply.cause() instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
                problem(ctx, 404, "Not Found", "this process is in no Kafka consumer group (it runs the whole city "
                        + "itself); 'ridematch platform' processes are");
            } else {
                replyFailure(ctx, reply.cause());
            }
        });
    }

    /** A ride's events with their contract type names, as a client reading the log would see them. */
    private void rideHistory(RoutingContext ctx) {
        bus.<RideHistory>query(Addresses.QUERY_RIDE_HISTORY, ctx.pathParam("id")).onComplete(reply -> {
            if (reply.succeeded()) {
                List<HistoryEntry> events = reply.result().events().stream()
                        .map(e -> new HistoryEntry(EventTypes.nameOf(e), e.occurredAt(), e)).toList();
                json(ctx, 200, new History(reply.result().rideId(), events));
            } else {
                replyFailure(ctx, reply.cause());
            }
        });
    }

    private record HistoryEntry(String type, java.time.Instant time, RideEvent data) {
    }

    private record History(String rideId, List<HistoryEntry> events) {
    }

    private void replyFailure(RoutingContext ctx, Throwable failure) {
        Refusal.Kind refusal = failure instanceof ReplyException r ? Refusal.Kind.ofCode(r.failureCode())
                : failure instanceof Refusal r ? r.kind() : null;
        switch (refusal) {
            case UNKNOWN -> problem(ctx, 404, "Not Found", failure.getMessage());
            case ILLEGAL -> problem(ctx, 409, "Conflict", failure.getMessage());
            case NOT_YET -> {
                ctx.response().putHeader("Retry-After", "5");
                problem(ctx, 503, "Service Unavailable", failure.getMessage());
            }
            case null -> problem(ctx, 503, "Service Unavailable", "the ride service did not answer; try again");
        }
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(Json.write(body)));
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                .end(Buffer.buffer(Json.write(Problem.of(status, title, detail))));
    }
}
