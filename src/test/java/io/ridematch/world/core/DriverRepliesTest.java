package io.ridematch.world.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulated drivers' answers to offers: reproducible from the seed, whatever order the offers come in. */
class DriverRepliesTest {

    @Test
    void declinesDependOnTheSeedAndThePairOnly() {
        DriverReplies coin = new DriverReplies(0.5, 42);
        long declined = java.util.stream.IntStream.range(0, 1_000)
                .filter(i -> !coin.accepts("driver-" + i, "ride-" + i)).count();
        assertThat(declined).isBetween(400L, 600L);
        assertThat(coin.accepts("driver-7", "ride-9")).isEqualTo(new DriverReplies(0.5, 42).accepts("driver-7", "ride-9"));
        assertThat(new DriverReplies(0, 42).accepts("a", "b")).isTrue();
    }
}
