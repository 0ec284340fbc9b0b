package io.ridematch.platform.core.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The outside payment provider, simulated: it takes a charge, declines it, or is down, as its faults say. Charges
 * are keyed by an idempotency key (the payment id): asked again for a key it took, it answers with the same charge
 * and takes no second one, as real providers do, for as long as they keep a key ({@link #KEYS_KEPT} of
 * simulated time here; Stripe keeps them a day): a retry comes within seconds, and the keys of a whole day's
 * rides would be most of a day's heap.
 */
public final class PaymentGateway {

    /** What the provider says to one attempt. */
    public sealed interface Answer {
        record Charged(String chargeId) implements Answer {
        }

        /** @param unavailable the provider is down (it declined nothing: asking again later may succeed) */
        record Refused(String reason, boolean unavailable) implements Answer {
        }
    }

    private final PaymentFaults faults;
    private final long seed;
    private final ZoneId zone;
    /** How long a key is remembered after its charge. */
    public static final Duration KEYS_KEPT = Duration.ofHours(1);

    private record Taken(Instant at, String key) {
    }

    private final Map<String, String> charged = new HashMap<>();
    /** The keys in {@link #charged}, oldest first. */
    private final ArrayDeque<Taken> taken = new ArrayDeque<>();
    private long charges;

    /** @param zone the city's time zone, in which outages are given */
    public PaymentGateway(PaymentFaults faults, long seed, ZoneId zone) {
        this.faults = faults;
        this.seed = seed;
        this.zone = zone;
    }

    /** Attempt number {@code attempt} (from 1) of the charge {@code key}, at simulation time {@code now}. */
    public Answer charge(String key, int attempt, Instant now) {
        forgetKeysBefore(now.minus(KEYS_KEPT));
        String done = charged.get(key);
        if (done != null) {
            return new Answer.Charged(done);
        }
        if (faults.down(now.atZone(zone).toLocalTime())) {
            return new Answer.Refused("provider unavailable", true);
        }
        if (draw(key, attempt).nextDouble() < faults.failureRate()) {
            return new Answer.Refused("declined by the provider", false);
        }
        String chargeId = "ch-" + key;
        charged.put(key, chargeId);
        taken.add(new Taken(now, key));
        charges++;
        return new Answer.Charged(chargeId);
    }

    private void forgetKeysBefore(Instant cutoff) {
        while (!taken.isEmpty() && taken.peek().at().isBefore(cutoff)) {
            charged.remove(taken.poll().key());
        }
    }

    /** How long attempt {@code attempt} of {@code key} takes, uniformly between the faults' bounds. */
    public Duration latency(String key, int attempt) {
        long min = faults.latencyMin().toMillis();
        long max = faults.latencyMax().toMillis();
        return Duration.ofMillis(max == min ? min : min + draw(key, -attempt).nextLong(max - min + 1));
    }

    /** Charges taken: one per key at most, whatever the retries. */
    public long charges() {
        return charges;
    }

    private SplittableRandom draw(String key, int attempt) {
        return new SplittableRandom(seed ^ (31L * key.hashCode() + attempt));
    }
}
