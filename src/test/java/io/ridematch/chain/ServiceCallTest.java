package io.ridematch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.bus.DomainBus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain's client against a real endpoint on the loopback address: retries, refusals, timeouts. */
class ServiceCallTest {

    /**
     * For the tests of answers: a timeout no cold JVM reaches. The first call of a fresh JVM loads the HTTP client,
     * the server and the JSON mapper, and took more than 300 ms on a slow hour of the 2-core machine, which turned
     * a refusal into a timed-out attempt and a retry.
     */
    private static final CallPolicy PATIENT = new CallPolicy(Duration.ofSeconds(8), 3, Duration.ofMillis(10), 4, 16);
    /** For the test of a service that never answers: short attempts, so that three of them pass quickly. */
    private static final CallPolicy QUICK = new CallPolicy(Duration.ofMillis(300), 3, Duration.ofMillis(10), 4, 16);

    private Vertx vertx;
    private DomainBus bus;
    private ServiceDirectory directory;
    private ChainStats stats;
    private final AtomicInteger asked = new AtomicInteger();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        bus = DomainBus.install(vertx);
        directory = new ServiceDirectory();
        stats = new ChainStats();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void serve(ServiceEndpoint.Route route) throws Exception {
        await(new ServiceEndpoint("payment", directory).post("/charges", route).listen(vertx));
    }

    private String call() throws Exception {
        return call(PATIENT);
    }

    private String call(CallPolicy policy) throws Exception {
        ServiceCall call = new ServiceCall(vertx, bus, directory, "payment", policy, stats);
        return await(call.post("/charges", "{}".getBytes(), String::new));
    }

    @Test
    void aServiceThatFailsTwiceIsAskedAThirdTime() throws Exception {
        serve((rest, body, attempt) -> {
            asked.incrementAndGet();
            return attempt < 3 ? Future.failedFuture(new ServiceEndpoint.Problem(503, "down"))
                    : Future.succeededFuture("{\"attempt\":3}".getBytes());
        });

        assertThat(call()).isEqualTo("{\"attempt\":3}");
        assertThat(asked).hasValue(3);
        assertThat(stats.calls().get("payment")).isEqualTo(new ChainStats.Calls(3, 2, 0));
    }

    @Test
    void aNoIsTheAnswerAndIsNotAskedAgain() throws Exception {
        serve((rest, body, attempt) -> {
            asked.incrementAndGet();
            return Future.failedFuture(new ServiceEndpoint.Problem(409, "ride over"));
        });

        assertThatThrownBy(this::call).hasCauseInstanceOf(ServiceCall.Refused.class).hasMessageContaining("ride over");
        assertThat(asked).hasValue(1);
        assertThat(stats.calls().get("payment").givenUp()).isZero();
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsGivenUpAfterEveryAttempt() throws Exception {
        serve((rest, body, attempt) -> {
            asked.incrementAndGet();
            return Promise.<byte[]>promise().future(); // never answers
        });

        assertThatThrownBy(() -> call(QUICK)).hasCauseInstanceOf(ServiceCall.Failed.class)
                .hasMessageContaining("failed 3 attempts");
        assertThat(asked).hasValue(3);
        assertThat(stats.calls().get("payment")).isEqualTo(new ChainStats.Calls(3, 3, 1));
    }

    @Test
    void aServiceNobodyStartedFailsEachAttemptAtOnce() {
        assertThatThrownBy(this::call).hasCauseInstanceOf(ServiceCall.Failed.class)
                .hasMessageContaining("does not listen");
        assertThat(stats.calls().get("payment")).isEqualTo(new ChainStats.Calls(3, 3, 1));
    }

    @Test
    void aBodyThatDoesNotDecodeIsA400ProblemAndNotRetried() throws Exception {
        serve((rest, body, attempt) -> {
            asked.incrementAndGet();
            throw new IllegalArgumentException("field rideId is missing");
        });

        assertThatThrownBy(this::call).hasCauseInstanceOf(ServiceCall.Refused.class)
                .hasMessageContaining("field rideId is missing");
        assertThat(asked).hasValue(1);
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        }
    }
}
