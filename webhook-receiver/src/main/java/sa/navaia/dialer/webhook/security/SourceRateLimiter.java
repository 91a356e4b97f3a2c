package sa.navaia.dialer.webhook.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One in-memory token bucket per source address: {@code perSecond} requests a second, bursts up to the
 * same. Per process on purpose: it only blunts floods against one receiver; dialing rates are shared in
 * the database elsewhere.
 */
public final class SourceRateLimiter {

    /** Bounds memory under a flood of distinct sources; buckets are cheap to recreate. */
    private static final int MAX_SOURCES = 10_000;

    private final long perSecond;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SourceRateLimiter(long perSecond, TimeMeter time) {
        this.perSecond = perSecond;
        this.time = time;
    }

    public boolean tryAcquire(String source) {
        if (buckets.size() > MAX_SOURCES) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(source, s -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }
}
