package sa.navaia.dialer.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The limiter over a {@link TokenGate}; the subclasses only say where the buckets live. */
abstract sealed class TokenBucketLimiter implements CallRateLimiter permits JdbcCallRateLimiter, LocalCallRateLimiter {

    private final RateLimits limits;
    private final TokenGate gate;

    TokenBucketLimiter(RateLimits limits, TokenGate gate) {
        this.limits = limits;
        this.gate = gate;
    }

    @Override
    public final Instant acquire(String callerId, long campaignId, double campaignCps) throws InterruptedException {
        return gate.take(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
    }

    @Override
    public final Optional<Instant> acquire(String callerId, long campaignId, double campaignCps, Duration maxWait)
            throws InterruptedException {
        return gate.take(BucketKey.forCall(limits, callerId, campaignId, campaignCps), maxWait);
    }

    @Override
    public final long tokensGivenUp() {
        return gate.tokensGivenUp();
    }

    @Override
    public final Attempt tryAcquire(String callerId, long campaignId, double campaignCps) {
        return gate.tryTake(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
    }
}
