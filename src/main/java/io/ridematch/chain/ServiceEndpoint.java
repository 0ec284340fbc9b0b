package io.ridematch.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ridematch.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One service's HTTP face on the loopback address: {@code POST} routes by path prefix, JSON in and out, and a
 * problem body ({@code application/problem+json}) with the right status for every no: 400 for a body that does
 * not decode, the handler's own status for a {@link Problem}, 500 for anything else.
 */
final class ServiceEndpoint {

    /** What a handler answers. */
    interface Route {
        /** @param rest the path after the route's prefix; @param attempt the caller's attempt, from 1 */
        Future<byte[]> handle(String rest, byte[] body, int attempt) throws IOException;
    }

    /** An answer that is not a success, with its status: a 4xx says no, a 5xx failed. */
    static final class Problem extends RuntimeException {
        final int status;

        Problem(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    static final byte[] EMPTY = "{}".getBytes();

    private final String service;
    private final ServiceDirectory directory;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private HttpServer server;

    ServiceEndpoint(String service, ServiceDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    ServiceEndpoint post(String prefix, Route route) {
        routes.put(prefix, route);
        return this;
    }

    /** Listens on a free loopback port and registers it in the directory. */
    Future<Integer> listen(Vertx vertx) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        return server.requestHandler(this::handle).listen().map(listening -> {
            directory.register(service, listening.actualPort());
            return listening.actualPort();
        });
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        Map.Entry<String, Route> route = routes.entrySet().stream().filter(r -> path.startsWith(r.getKey()))
                .findFirst().orElse(null);
        if (request.method() != HttpMethod.POST || route == null) {
            request.body().onComplete(ignored -> problem(request, 404, "no POST route at " + path));
            return;
        }
        int attempt = parseAttempt(request.getHeader(ServiceCall.ATTEMPT));
        request.body().compose(body -> {
            try {
                return route.getValue().handle(path.substring(route.getKey().length()), body.getBytes(), attempt);
            } catch (IOException | IllegalArgumentException e) {
                return Future.failedFuture(new Problem(400, e.getMessage()));
            }
        }).onComplete(done -> {
            if (done.succeeded()) {
                request.response().putHeader("content-type", "application/json").end(Buffer.buffer(done.result()));
            } else if (done.cause() instanceof Problem p) {
                problem(request, p.status, p.getMessage());
            } else {
                problem(request, 500, service + " failed: " + done.cause().getMessage());
            }
        });
    }

    private static int parseAttempt(String header) {
        try {
            return header == null ? 1 : Math.max(1, Integer.parseInt(header));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void problem(HttpServerRequest request, int status, String detail) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("status", status);
        body.put("detail", String.valueOf(detail));
        if (!request.response().ended() && !request.response().closed()) {
            request.response().setStatusCode(status).putHeader("content-type", "application/problem+json")
                    .end(Buffer.buffer(Json.write(body)));
        }
    }

    /** A problem body's detail, or the body itself when it is not one. */
    static String detailOf(Buffer body) {
        try {
            JsonNode problem = Json.mapper().readTree(body.getBytes());
            return problem.hasNonNull("detail") ? problem.get("detail").asText() : body.toString();
        } catch (IOException e) {
            return body.toString();
        }
    }

    Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
