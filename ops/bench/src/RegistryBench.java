import java.io.BufferedReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.SplittableRandom;
import sa.navaia.dialer.config.DatabaseSettings;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;
import sa.navaia.dialer.registry.NationalRegistry;

/**
 * The National Do Not Call Registry at scale: imports a generated full list of NUMBERS numbers spread over 300 area
 * codes (the lines are generated in memory, as the FTC's flat file reads: "212,5551234"), then looks up LOOKUPS random
 * numbers, half of them registered. Prints import seconds and numbers/s, the largest heap after GC, the store's size,
 * the first lookup of each area code (a load from the database) and the cost of a warm lookup.
 *
 *   java -Xmx1g -cp 'campaigns/target/lib/*' ops/bench/src/RegistryBench.java JDBC_URL USER PASSWORD NUMBERS LOOKUPS
 */
public class RegistryBench {

    static final int AREA_CODES = 300;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long numbers = Long.parseLong(args[3]);
        int lookups = Integer.parseInt(args[4]);
        try (var dataSource = DataSources.create(new DatabaseSettings(url, args[1], args[2], 4), "bench")) {
            new Migrations(dataSource).migrate();
            NationalRegistry registry = new NationalRegistry(dataSource, Clock.systemUTC());
            long start = System.nanoTime();
            NationalRegistry.Imported imported = registry.importFull(new BufferedReader(new Lines(numbers), 1 << 16),
                    "generated", LocalDate.now(), "bench", lines -> System.err.println("… " + lines + " lines read"));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.gc();
            long heapAfterImport = usedHeap();
            System.out.printf("import: %,d lines, %,d numbers stored, %.1f s, %,.0f numbers/s%n", imported.lines(),
                    imported.added(), seconds, imported.added() / seconds);
            System.out.printf("heap: the import completed within -Xmx%d MB; %d MB used after import and GC"
                    + " (sum of the heap pools' separate peaks, which over-counts: %d MB)%n",
                    Runtime.getRuntime().maxMemory() >> 20, heapAfterImport >> 20, peakHeapMb());

            SplittableRandom random = new SplittableRandom(7);
            long loadStart = System.nanoTime();
            int listed = 0;
            for (int a = 0; a < AREA_CODES; a++) {
                listed += registry.check(e164(areaCode(a), 2_000_000)).listed() ? 1 : 0;
            }
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            System.gc();
            System.out.printf("cold: first lookup of each of %d area codes (loads it from the database): %.1f ms in all,"
                    + " %.2f ms each; heap after loading every area code: %d MB%n", AREA_CODES, loadMs, loadMs / AREA_CODES,
                    usedHeap() >> 20);
            long warmStart = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                String number;
                if (random.nextBoolean()) {
                    long n = generated(random.nextLong(numbers));
                    number = e164(areaCode((int) (n >>> 32) - 1), (int) n);
                } else {
                    number = e164(areaCode(random.nextInt(AREA_CODES)), 2_000_000 + random.nextInt(8_000_000));
                }
                listed += registry.check(number).listed() ? 1 : 0;
            }
            double warmNs = (System.nanoTime() - warmStart) / (double) lookups;
            System.out.printf("warm: %,d lookups, %.0f ns each (%,d listed)%n", lookups, warmNs, listed);
        }
    }

    /** The i-th generated number: area code index in the high half, subscriber in the low. */
    static long generated(long i) {
        int a = (int) (i % AREA_CODES);
        long perArea = i / AREA_CODES;
        int subscriber = (int) (2_000_000 + (perArea * 7_919) % 8_000_000);
        return ((long) (a + 1) << 32) | subscriber;
    }

    static int areaCode(int index) {
        return 201 + index * 2;
    }

    static String e164(int areaCode, int subscriber) {
        return "+1" + areaCode + subscriber;
    }

    static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** The generated full list as the registry's flat text, produced as it is read. */
    static final class Lines extends Reader {
        private final long total;
        private long next;
        private String line = "";
        private int at;

        Lines(long total) {
            this.total = total;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            int written = 0;
            while (written < length) {
                if (at == line.length()) {
                    if (next == total) {
                        return written == 0 ? -1 : written;
                    }
                    long n = generated(next++);
                    line = areaCode((int) (n >>> 32) - 1) + "," + (int) n + "\n";
                    at = 0;
                }
                int chunk = Math.min(length - written, line.length() - at);
                line.getChars(at, at + chunk, buffer, offset + written);
                at += chunk;
                written += chunk;
            }
            return written;
        }

        @Override
        public void close() {
        }
    }
}
