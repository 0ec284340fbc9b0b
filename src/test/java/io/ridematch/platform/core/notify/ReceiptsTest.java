package io.ridematch.platform.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.money.Money;
import io.ridematch.platform.core.notify.Receipts.Receipt;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptsTest {

    private static Receipt receipt(String rideId) {
        return Receipt.of(new RideCompleted(rideId, "driver-1", 4200, 720, Money.of("14.20", "USD"), 1.2,
                Instant.parse("2026-01-01T07:00:00Z")));
    }

    @Test
    void aReceiptIsTheCompletedRide() {
        Receipt receipt = receipt("ride-1");
        assertEquals("ride-1", receipt.rideId());
        assertEquals("driver-1", receipt.driverId());
        assertEquals(4200, receipt.distanceMeters());
        assertEquals(720, receipt.durationSeconds());
        assertEquals(Money.of("14.20", "USD"), receipt.fare());
    }

    @Test
    void eachRideGetsOneReceiptAndARepeatIsCounted() {
        Receipts receipts = new Receipts();
        assertTrue(receipts.send(receipt("ride-1")));
        assertTrue(receipts.send(receipt("ride-2")));
        assertFalse(receipts.send(receipt("ride-1")));
        assertEquals(new Receipts.Sent(2, 1), receipts.sent());
    }

    @Test
    void onlyTheLastRidesAreRemembered() {
        Receipts receipts = new Receipts();
        for (int i = 0; i <= Receipts.REMEMBERED; i++) {
            receipts.send(receipt("ride-" + i));
        }
        assertFalse(receipts.send(receipt("ride-" + Receipts.REMEMBERED)), "a recent ride is remembered");
        assertTrue(receipts.send(receipt("ride-0")), "the eldest was forgotten");
        assertEquals(new Receipts.Sent(Receipts.REMEMBERED + 2, 1), receipts.sent());
    }
}
