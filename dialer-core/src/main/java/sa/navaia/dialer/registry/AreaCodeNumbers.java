package sa.navaia.dialer.registry;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The registered numbers of one area code: the seven-digit subscriber numbers (exchange and line, 2000000..9999999) as
 * a sorted array without duplicates. Four bytes a number, a binary search a lookup.
 */
public final class AreaCodeNumbers {

    private final int[] sorted;

    private AreaCodeNumbers(int[] sorted) {
        this.sorted = sorted;
    }

    /** From numbers in any order, with duplicates. The array is sorted in place and may be kept. */
    public static AreaCodeNumbers of(int[] numbers, int length) {
        Arrays.sort(numbers, 0, length);
        int unique = 0;
        for (int i = 0; i < length; i++) {
            if (unique == 0 || numbers[unique - 1] != numbers[i]) {
                numbers[unique++] = numbers[i];
            }
        }
        return new AreaCodeNumbers(unique == numbers.length ? numbers : Arrays.copyOf(numbers, unique));
    }

    public boolean contains(int subscriber) {
        return Arrays.binarySearch(sorted, subscriber) >= 0;
    }

    public int size() {
        return sorted.length;
    }

    /** This list with {@code added} put on and {@code removed} taken off (a change list). */
    public AreaCodeNumbers change(int[] added, int addedCount, int[] removed, int removedCount) {
        AreaCodeNumbers adds = of(added, addedCount);
        AreaCodeNumbers removes = of(removed, removedCount);
        int[] merged = new int[sorted.length + adds.sorted.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < sorted.length || j < adds.sorted.length) {
            int next = j >= adds.sorted.length || (i < sorted.length && sorted[i] <= adds.sorted[j]) ? sorted[i++] : adds.sorted[j++];
            if ((n == 0 || merged[n - 1] != next) && !removes.contains(next)) {
                merged[n++] = next;
            }
        }
        return new AreaCodeNumbers(Arrays.copyOf(merged, n));
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(sorted.length * Integer.BYTES);
        buffer.asIntBuffer().put(sorted);
        return buffer.array();
    }

    public static AreaCodeNumbers fromBytes(byte[] bytes) {
        int[] numbers = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).asIntBuffer().get(numbers);
        return new AreaCodeNumbers(numbers);
    }
}
