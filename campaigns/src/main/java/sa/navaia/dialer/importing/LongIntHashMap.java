package sa.navaia.dialer.importing;

import java.util.Arrays;

/**
 * A map from {@code long} to {@code int} in two primitive arrays (open addressing, linear probing),
 * for finding duplicate numbers in a list without boxing: the key is the E.164 number's digits (at most
 * 15, so they fit a {@code long}), the value the line it was first seen on. A million numbers take
 * about 24 MB (2^21 slots of 12 bytes) where a {@code HashMap<String, Long>} would take well over
 * 100 MB. Not thread-safe; one per import step.
 */
final class LongIntHashMap {

    static final int ABSENT = -1;
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntHashMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    /**
     * Stores {@code value} for {@code key} unless the key is there already; returns the value stored
     * before, or {@link #ABSENT}.
     */
    int putIfAbsent(long key, int value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("Long.MIN_VALUE cannot be a key");
        }
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return ABSENT;
    }

    int get(long key) {
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    int size() {
        return size;
    }

    int capacity() {
        return keys.length;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }
}
