package io.ridematch.chain;

import io.ridematch.json.Json;
import io.ridematch.platform.core.notify.Receipts;
import io.ridematch.platform.core.notify.Receipts.Receipt;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The notification service of the chain: {@code POST /receipts} sends the rider the receipt of a completed ride.
 * The trip service has to call it; a retried call sends nothing twice.
 */
public final class NotificationService extends VerticleBase {

    private final Receipts receipts;
    private final ServiceDirectory directory;
    private ServiceEndpoint endpoint;

    public NotificationService(Receipts receipts, ServiceDirectory directory) {
        this.receipts = receipts;
        this.directory = directory;
    }

    @Override
    public Future<?> start() {
        endpoint = new ServiceEndpoint(ServiceDirectory.NOTIFICATIONS, directory)
                .post("/receipts", (rest, body, attempt) -> {
                    receipts.send(Json.read(body, Receipt.class));
                    return Future.succeededFuture(ServiceEndpoint.EMPTY);
                });
        return endpoint.listen(vertx);
    }

    @Override
    public Future<?> stop() {
        return endpoint.close();
    }
}
