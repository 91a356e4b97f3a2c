import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import sa.navaia.dialer.config.DatabaseSettings;
import sa.navaia.dialer.config.Setting;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.ratelimit.JdbcCallRateLimiter;
import sa.navaia.dialer.ratelimit.RateLimits;
import sa.navaia.dialer.ratelimit.Sleeper;

/**
 * The pacing benchmark's first phase: the shared limiter alone, as one worker uses it (THREADS threads,
 * a pool of the worker's default size, {@code DIALER_DB_POOL_SIZE}, the caller ID, campaign and account buckets of one call at CPS, the campaign's
 * buckets at {@link RateLimits#HEADROOM} of it, as in the dial job), for SECONDS, with nothing else on the machine's
 * cores. Writes the instant of every grant to OUT_FILE, in epoch seconds, one per line; run two at once for
 * two workers.
 *
 *   java -cp 'campaigns/target/lib/*' ops/bench/src/LimiterAlone.java JDBC_URL SECONDS THREADS CPS OUT_FILE
 */
public final class LimiterAlone {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        long seconds = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        double cps = Double.parseDouble(args[3]);
        try (HikariDataSource dataSource = DataSources.create(new DatabaseSettings(url, "root", "",
                Integer.parseInt(Setting.DIALER_DB_POOL_SIZE.defaultValue())), "limiter-alone")) {
            JdbcCallRateLimiter limiter = new JdbcCallRateLimiter(dataSource, new RateLimits(cps, cps), Clock.systemUTC(), Sleeper.SYSTEM);
            Queue<Instant> grants = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            grants.add(limiter.acquire("+19383362295", 999_999, cps));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(seconds + 60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException("the limiter's threads did not stop within a minute of the end");
            }
            List<Instant> sorted = grants.stream().sorted().toList();
            StringBuilder out = new StringBuilder();
            for (Instant at : sorted) {
                out.append(at.getEpochSecond()).append('.').append(String.format("%09d", at.getNano())).append('\n');
            }
            Files.writeString(Path.of(args[4]), out);
        }
    }
}
