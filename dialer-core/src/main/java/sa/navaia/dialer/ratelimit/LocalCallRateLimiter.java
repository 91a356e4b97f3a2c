package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process limiter: buckets held in this JVM. Correct only when this process is the only one
 * dialing for the account (sandbox, single CLI run, tests); otherwise use {@link JdbcCallRateLimiter}.
 * Idle buckets are kept for the life of the process: one per caller-ID number and campaign.
 */
public final class LocalCallRateLimiter implements CallRateLimiter {

    private final RateLimits limits;
    private final TokenGate gate;
    private final Map<BucketKey, BucketOperations> buckets = new ConcurrentHashMap<>();

    public LocalCallRateLimiter(RateLimits limits, Clock clock, Sleeper sleeper) {
        this.limits = limits;
        ClockTimeMeter timeMeter = new ClockTimeMeter(clock);
        this.gate = new TokenGate(key -> buckets.computeIfAbsent(key, k -> BucketOperations.of(Bucket.builder()
                .addLimit(k.configuration().getBandwidths()[0])
                .withCustomTimePrecision(timeMeter)
                .build())), clock, sleeper);
    }

    @Override
    public Instant acquire(String callerId, long campaignId, double campaignCps) throws InterruptedException {
        return gate.take(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
    }

    @Override
    public Attempt tryAcquire(String callerId, long campaignId, double campaignCps) {
        return gate.tryTake(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
    }
}
