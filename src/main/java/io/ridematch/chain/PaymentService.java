package io.ridematch.chain;

import io.ridematch.bus.DomainBus;
import io.ridematch.chain.TripService.Charge;
import io.ridematch.chain.TripService.Charged;
import io.ridematch.contract.time.SimClock;
import io.ridematch.json.Json;
import io.ridematch.platform.core.payment.PaymentGateway;
import io.ridematch.platform.core.payment.PaymentGateway.Answer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The payment service of the chain: {@code POST /charges} asks the same simulated provider
 * ({@link PaymentGateway}, same faults, same idempotency by payment id) as the event-driven payment service, and
 * answers once the provider did: 200 with the charge, or 503 with the provider's reason (down or declined, both
 * worth another attempt).
 */
public final class PaymentService extends VerticleBase {

    private final DomainBus bus;
    private final SimClock clock;
    private final PaymentGateway gateway;
    private final ServiceDirectory directory;
    private ServiceEndpoint endpoint;

    public PaymentService(DomainBus bus, SimClock clock, PaymentGateway gateway, ServiceDirectory directory) {
        this.bus = bus;
        this.clock = clock;
        this.gateway = gateway;
        this.directory = directory;
    }

    @Override
    public Future<?> start() {
        endpoint = new ServiceEndpoint(ServiceDirectory.PAYMENT, directory)
                .post("/charges", (rest, body, attempt) -> charge(Json.read(body, Charge.class), attempt));
        return endpoint.listen(vertx);
    }

    @Override
    public Future<?> stop() {
        return endpoint.close();
    }

    private Future<byte[]> charge(Charge charge, int attempt) {
        Answer answer = gateway.charge(charge.paymentId(), attempt, clock.now());
        long latency = gateway.latency(charge.paymentId(), attempt).toMillis();
        Future<Void> answered = latency <= 0 ? Future.succeededFuture()
                : bus.outsideTheStep(() -> vertx.timer(latency));
        return answered.compose(v -> switch (answer) {
            case Answer.Charged c -> Future.succeededFuture(Json.write(new Charged(c.chargeId())));
            case Answer.Refused r -> Future.failedFuture(new ServiceEndpoint.Problem(503, r.reason()));
        });
    }
}
