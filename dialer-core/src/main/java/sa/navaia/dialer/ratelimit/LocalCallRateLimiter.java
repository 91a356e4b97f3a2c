package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process limiter: buckets held in this JVM. Correct only when this process is the only one
 * dialing for the account (sandbox, single CLI run, tests); otherwise use {@link JdbcCallRateLimiter}.
 * Idle buckets are kept for the life of the process: one per caller-ID number and campaign.
 */
public final class LocalCallRateLimiter extends TokenBucketLimiter {

    public LocalCallRateLimiter(RateLimits limits, Clock clock, Sleeper sleeper) {
        super(limits, new TokenGate(inProcessBuckets(new ClockTimeMeter(clock)), clock, sleeper));
    }

    private static BucketStore inProcessBuckets(ClockTimeMeter timeMeter) {
        Map<BucketKey, BucketOperations> buckets = new ConcurrentHashMap<>();
        return key -> buckets.computeIfAbsent(key, k -> BucketOperations.of(Bucket.builder()
                .addLimit(k.configuration().getBandwidths()[0])
                .withCustomTimePrecision(timeMeter)
                .build(), timeMeter));
    }
}
