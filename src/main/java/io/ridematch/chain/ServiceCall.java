package io.ridematch.chain;

import io.ridematch.bus.DomainBus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.function.Function;

/**
 * One service's client of another: a pool of keep-alive connections, a timeout per attempt, and a bounded number
 * of attempts with a doubling backoff for a service that failed or did not answer. A {@code 4xx} is the service's
 * answer, not a failure, and is never retried. Every attempt is part of the clock's step ({@link DomainBus#counted}),
 * the backoff between two attempts is not: the world goes on while a caller waits to try again.
 */
final class ServiceCall {

    /** A {@code 4xx}: the service answered no; {@code status} and its problem body's detail. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    /** The service failed ({@code 5xx}), was not there, or did not answer in time. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** The header that says which attempt of a call this is, from 1. */
    static final String ATTEMPT = "ridematch-attempt";

    private final Vertx vertx;
    private final DomainBus bus;
    private final ServiceDirectory directory;
    private final String service;
    private final CallPolicy policy;
    private final ChainStats stats;
    private final HttpClientAgent client;

    ServiceCall(Vertx vertx, DomainBus bus, ServiceDirectory directory, String service, CallPolicy policy,
                ChainStats stats) {
        this.vertx = vertx;
        this.bus = bus;
        this.directory = directory;
        this.service = service;
        this.policy = policy;
        this.stats = stats;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(policy.connections()).setMaxWaitQueueSize(policy.waitQueue()));
    }

    /** Posts {@code body} (JSON already) to {@code path} and reads the answer with {@code read}. */
    <T> Future<T> post(String path, byte[] body, Function<byte[], T> read) {
        return attempt(path, body, read, 1);
    }

    private <T> Future<T> attempt(String path, byte[] body, Function<byte[], T> read, int attempt) {
        return bus.counted(() -> once(path, body, attempt)).<T>map(read::apply).recover(failure -> {
            if (failure instanceof Refused) {
                return Future.failedFuture(failure);
            }
            if (attempt >= policy.attempts()) {
                stats.gaveUp(service);
                return Future.failedFuture(new Failed(service + " failed " + attempt + " attempts of POST " + path
                        + "; the last: " + failure.getMessage()));
            }
            return vertx.timer(Math.max(1, policy.backoffBefore(attempt + 1).toMillis()))
                    .compose(v -> attempt(path, body, read, attempt + 1));
        });
    }

    private Future<byte[]> once(String path, byte[] body, int attempt) {
        int port = directory.portOf(service);
        if (port < 0) {
            stats.attempted(service, false);
            return Future.failedFuture(new Failed(service + " does not listen"));
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(path).setTimeout(policy.timeout().toMillis())
                .putHeader("content-type", "application/json").putHeader(ATTEMPT, Integer.toString(attempt));
        return client.request(request)
                .compose(call -> call.send(Buffer.buffer(body)))
                .compose(response -> response.body().compose(answer -> {
                    int status = response.statusCode();
                    stats.attempted(service, status < 500);
                    if (status < 300) {
                        return Future.succeededFuture(answer.getBytes());
                    }
                    String detail = ServiceEndpoint.detailOf(answer);
                    return Future.failedFuture(status < 500 ? new Refused(status, detail)
                            : new Failed(service + " answered " + status + ": " + detail));
                }))
                .onFailure(failure -> {
                    if (!(failure instanceof Refused) && !(failure instanceof Failed)) {
                        stats.attempted(service, false); // a timeout, a refused connection, a full pool
                    }
                });
    }

    Future<Void> close() {
        return client.close();
    }
}
