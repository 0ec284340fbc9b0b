package io.ridematch.platform.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongKeyMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        SplittableRandom random = new SplittableRandom(5);
        LongKeyMap<String> map = new LongKeyMap<>();
        Map<Long, String> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            long key = random.nextInt(5_000) - 2_500L; // small key range: many collisions and re-puts
            if (random.nextInt(3) == 0) {
                map.remove(key);
                reference.remove(key);
            } else {
                map.put(key, "v" + step);
                reference.put(key, "v" + step);
            }
            if (step % 1_000 == 0) {
                for (long k = -2_500; k < 2_500; k += 7) {
                    assertThat(map.get(k)).isEqualTo(reference.get(k));
                }
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
    }
}
