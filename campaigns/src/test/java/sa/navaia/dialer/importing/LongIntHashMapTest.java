package sa.navaia.dialer.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {

    @Test
    void keepsTheFirstValueOfEachKey() {
        LongIntHashMap map = new LongIntHashMap(4);

        assertThat(map.putIfAbsent(12125550001L, 2)).isEqualTo(LongIntHashMap.ABSENT);
        assertThat(map.putIfAbsent(12125550001L, 9)).isEqualTo(2);
        assertThat(map.get(12125550001L)).isEqualTo(2);
        assertThat(map.get(12125550002L)).isEqualTo(LongIntHashMap.ABSENT);
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void growsAndAgreesWithAHashMapOnAMillionRandomNumbers() {
        LongIntHashMap map = new LongIntHashMap(16);
        Map<Long, Integer> reference = new HashMap<>();
        Random random = new Random(7);
        for (int line = 2; line < 1_000_002; line++) {
            long key = 1_000_000_000L + random.nextInt(900_000_000);
            Integer before = reference.putIfAbsent(key, line);
            assertThat(map.putIfAbsent(key, line)).isEqualTo(before == null ? LongIntHashMap.ABSENT : before);
        }
        assertThat(map.size()).isEqualTo(reference.size());
        assertThat(map.capacity()).isLessThanOrEqualTo(4 * Integer.highestOneBit(reference.size()));
        reference.forEach((key, line) -> assertThat(map.get(key)).isEqualTo(line));
    }

    @Test
    void zeroAndNegativeKeysWorkButLongMinValueIsReserved() {
        LongIntHashMap map = new LongIntHashMap(2);
        map.putIfAbsent(0, 1);
        map.putIfAbsent(-5, 2);

        assertThat(map.get(0)).isEqualTo(1);
        assertThat(map.get(-5)).isEqualTo(2);
        assertThatThrownBy(() -> map.putIfAbsent(Long.MIN_VALUE, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
