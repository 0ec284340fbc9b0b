package io.ridematch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.city.City;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API against a running city (small town, real time): good requests and bad ones. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest {

    private static final String RIDE = """
            {"riderId":"rider-web","pickup":{"lat":40.0176,"lng":-105.2797},"dropoff":{"lat":40.0076,"lng":-105.2659}}""";

    private Vertx vertx;
    private WebClient client;
    private int port;

    @BeforeAll
    void startCity() throws Exception {
        vertx = Vertx.vertx();
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofDays(1), null, 1, 42, 0, null);
        City city = City.start(vertx, ScenarioFile.load("small-town"), config)
                .await(30, TimeUnit.SECONDS);
        port = city.httpPort();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1"));
    }

    @AfterAll
    void stopCity() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void healthIsUp(VertxTestContext test) {
        client.get("/health").send().onComplete(test.succeeding(r -> test.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
            test.completeNow();
        })));
    }

    @Test
    void requestedRideCanBeReadAndCancelledOnce(VertxTestContext test) {
        client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE))
                .compose(created -> {
                    test.verify(() -> {
                        assertThat(created.statusCode()).isEqualTo(201);
                        assertThat(created.getHeader("Location")).startsWith("/api/rides/ride-");
                    });
                    return getEventually(created.getHeader("Location"), 50);
                })
                .compose(ride -> {
                    test.verify(() -> {
                        assertThat(ride.getString("riderId")).isEqualTo("rider-web");
                        assertThat(ride.getString("status")).isIn("requested", "assigned");
                        assertThat(ride.getJsonObject("pickup").getDouble("lat")).isEqualTo(40.0176);
                        assertThat(ride.getString("requestedAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
                    });
                    String cancel = "/api/rides/" + ride.getString("rideId") + "/cancel";
                    return client.post(cancel).send().compose(first -> client.post(cancel).send()
                            .map(second -> List.of(first, second)))
                            .compose(both -> {
                                test.verify(() -> {
                                    assertThat(both.get(0).statusCode()).isEqualTo(200);
                                    assertProblem(both.get(1), 409);
                                });
                                return getEventually("/api/rides/" + ride.getString("rideId") + "/events", 50);
                            });
                })
                .onComplete(test.succeeding(history -> test.verify(() -> {
                    var events = history.getJsonArray("events");
                    assertThat(events.getJsonObject(0).getString("type")).isEqualTo("ridematch.ride.requested");
                    assertThat(events.getJsonObject(0).getJsonObject("data").getString("riderId")).isEqualTo("rider-web");
                    assertThat(events.getJsonObject(events.size() - 1).getString("type"))
                            .isIn("ridematch.ride.requested", "ridematch.ride.driver-assigned",
                                    "ridematch.ride.cancelled");
                    test.completeNow();
                })));
    }

    @Test
    void ridesAreListedNewestFirstByStatusAndZone(VertxTestContext test) {
        String zone = io.ridematch.platform.core.readmodel.Zones.of(new io.ridematch.contract.geo.LatLng(40.0176,
                -105.2797));
        client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE))
                .compose(created -> getEventually(created.getHeader("Location"), 50).map(ride -> ride.getString("rideId")))
                .compose(rideId -> client.get("/api/rides?zone=" + zone + "&limit=1000").send()
                        .map(listed -> {
                            test.verify(() -> {
                                assertThat(listed.statusCode()).isEqualTo(200);
                                var rides = listed.bodyAsJsonObject().getJsonArray("rides");
                                assertThat(rides.stream().map(r -> ((io.vertx.core.json.JsonObject) r)
                                        .getString("rideId"))).contains(rideId);
                                assertThat(listed.bodyAsJsonObject().getLong("matched")).isGreaterThanOrEqualTo(1);
                            });
                            return rideId;
                        }))
                .compose(rideId -> client.get("/api/rides?status=paid&limit=5").send())
                .compose(paid -> {
                    test.verify(() -> {
                        assertThat(paid.statusCode()).isEqualTo(200);
                        assertThat(paid.bodyAsJsonObject().getJsonArray("rides")).allSatisfy(r ->
                                assertThat(((io.vertx.core.json.JsonObject) r).getString("status")).isEqualTo("paid"));
                    });
                    return client.get("/api/rides?status=lost").send();
                })
                .compose(badStatus -> {
                    test.verify(() -> assertProblem(badStatus, 400));
                    return client.get("/api/rides?limit=many").send();
                })
                .compose(badLimit -> {
                    test.verify(() -> assertProblem(badLimit, 400));
                    return client.get("/api/rides?zone=nowhere").send();
                })
                .compose(badZone -> {
                    test.verify(() -> assertProblem(badZone, 400));
                    return client.get("/api/rides?colour=red").send();
                })
                .onComplete(test.succeeding(unknown -> test.verify(() -> {
                    assertProblem(unknown, 400);
                    assertThat(unknown.bodyAsString()).contains("colour");
                    test.completeNow();
                })));
    }

    @Test
    void malformedJsonIsA400Problem(VertxTestContext test) {
        client.post("/api/rides").sendBuffer(Buffer.buffer("{\"pickup\": {\"lat\": 40.0,"))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertProblem(r, 400);
                    test.completeNow();
                })));
    }

    @Test
    void coordinatesOutOfRangeAreA422Problem(VertxTestContext test) {
        String body = RIDE.replace("40.0176", "95.5");
        client.post("/api/rides").sendBuffer(Buffer.buffer(body))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertProblem(r, 422);
                    assertThat(r.bodyAsJsonObject().getString("detail")).contains("latitude").contains("95.5");
                    test.completeNow();
                })));
    }

    @Test
    void missingDropoffAndUnknownFieldsAreRefused(VertxTestContext test) {
        client.post("/api/rides").sendBuffer(Buffer.buffer("{\"pickup\":{\"lat\":40.0,\"lng\":-105.2}}"))
                .compose(missing -> {
                    test.verify(() -> assertProblem(missing, 422));
                    return client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE.replace("riderId", "rider")));
                })
                .onComplete(test.succeeding(unknown -> test.verify(() -> {
                    assertProblem(unknown, 400);
                    assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("rider");
                    test.completeNow();
                })));
    }

    @Test
    void unknownRideDriverAndRouteAre404Problems(VertxTestContext test) {
        client.get("/api/rides/ride-nope").send()
                .compose(ride -> {
                    test.verify(() -> assertProblem(ride, 404));
                    return client.get("/api/drivers/driver-nope").send();
                })
                .compose(driver -> {
                    test.verify(() -> assertProblem(driver, 404));
                    return client.post("/api/rides/ride-nope/cancel").send();
                })
                .compose(cancel -> {
                    test.verify(() -> assertProblem(cancel, 404));
                    return client.get("/api/nothing-here").send();
                })
                .compose(route -> {
                    test.verify(() -> assertProblem(route, 404));
                    return client.delete("/api/stats").send();
                })
                .onComplete(test.succeeding(method -> test.verify(() -> {
                    assertProblem(method, 405);
                    test.completeNow();
                })));
    }

    @Test
    void statsAndDriversComeFromTheReadModel(VertxTestContext test) {
        client.get("/api/stats").send()
                .compose(stats -> {
                    test.verify(() -> {
                        assertThat(stats.statusCode()).isEqualTo(200);
                        JsonObject body = stats.bodyAsJsonObject();
                        assertThat(body.getJsonObject("outcomes").getLong("requested")).isNotNull();
                        assertThat(body.getJsonObject("kpis").containsKey("servedPercent")).isTrue();
                        assertThat(body.getJsonObject("drivers").fieldNames()).contains("idle", "to-pickup", "on-trip");
                    });
                    return getEventually("/api/drivers/driver-00001", 100);
                })
                .onComplete(test.succeeding(driver -> test.verify(() -> {
                    assertThat(driver.getString("driverId")).isEqualTo("driver-00001");
                    assertThat(driver.getString("status")).isIn("idle", "to-pickup", "on-trip");
                    test.completeNow();
                })));
    }

    /** The projection folds an event a moment after it was published (a driver after the first tick): poll. */
    private Future<JsonObject> getEventually(String path, int attemptsLeft) {
        return client.get(path).send().compose(r -> {
            if (r.statusCode() == 200) {
                return Future.succeededFuture(r.bodyAsJsonObject());
            }
            if (attemptsLeft == 0) {
                return Future.failedFuture("ride never appeared: " + r.bodyAsString());
            }
            return vertx.timer(20).compose(t -> getEventually(path, attemptsLeft - 1));
        });
    }

    @Test
    void problemsNameTheFieldWithoutLibraryInternals(VertxTestContext test) {
        client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE.replace("}}", "},\"extra\":1}")))
                .compose(extra -> {
                    test.verify(() -> {
                        assertProblem(extra, 400);
                        assertThat(extra.bodyAsJsonObject().getString("detail")).contains("'extra'")
                                .doesNotContain("class").doesNotContain("io.ridematch");
                    });
                    return client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE.replace("40.0176", "NaN")));
                })
                .onComplete(test.succeeding(nan -> test.verify(() -> {
                    assertProblem(nan, 400);
                    assertThat(nan.bodyAsJsonObject().getString("detail")).doesNotContain("JsonReadFeature")
                            .doesNotContain("`");
                    test.completeNow();
                })));
    }

    @Test
    void aPickupOutsideTheCityOrABadRiderIdIsA422(VertxTestContext test) {
        // Manhattan is a valid coordinate, but not in the small town
        client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE.replace("40.0176,\"lng\":-105.2797",
                        "40.7580,\"lng\":-73.9855")))
                .compose(outside -> {
                    test.verify(() -> {
                        assertProblem(outside, 422);
                        assertThat(outside.bodyAsJsonObject().getString("detail")).contains("outside the city");
                    });
                    return client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE.replace("rider-web",
                            "rider\\u0007bell")));
                })
                .compose(control -> {
                    test.verify(() -> assertProblem(control, 422));
                    return client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE.replace("rider-web",
                            "r".repeat(65))));
                })
                .onComplete(test.succeeding(tooLong -> test.verify(() -> {
                    assertProblem(tooLong, 422);
                    assertThat(tooLong.bodyAsJsonObject().getString("detail")).contains("riderId");
                    test.completeNow();
                })));
    }

    @Test
    void aMalformedChunkedBodyIsA400AndAWellFormedOneIsARide() throws Exception {
        String head = "POST /api/rides HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        String malformed = rawExchange(head + "ZZ\r\n" + RIDE + "\r\n0\r\n\r\n");
        String wellFormed = rawExchange(head + Integer.toHexString(RIDE.length()) + "\r\n" + RIDE + "\r\n0\r\n\r\n");

        assertThat(malformed).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("could not be read");
        assertThat(wellFormed).startsWith("HTTP/1.1 201");
    }

    /** Sends raw bytes, as a broken client would, and reads the answer until the server closes. */
    private String rawExchange(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
    }
}
