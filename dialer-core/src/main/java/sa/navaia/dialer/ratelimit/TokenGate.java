package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Takes one token from each of several buckets, or none. A token taken from an earlier bucket is
 * given back when a later one is empty, so a waiting call never holds tokens: with capacity one, a
 * token given back leaves the bucket exactly as if it had never been taken.
 */
final class TokenGate {

    private final Function<BucketKey, BucketOperations> buckets;
    private final Clock clock;
    private final Sleeper sleeper;

    TokenGate(Function<BucketKey, BucketOperations> buckets, Clock clock, Sleeper sleeper) {
        this.buckets = buckets;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    CallRateLimiter.Attempt tryTake(List<BucketKey> keys) {
        List<BucketOperations> taken = new ArrayList<>(keys.size());
        try {
            for (BucketKey key : keys) {
                BucketOperations bucket = buckets.apply(key);
                ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) {
                    giveBack(taken);
                    return new CallRateLimiter.Wait(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())), key.name());
                }
                taken.add(bucket);
            }
        } catch (RuntimeException e) {
            giveBack(taken);
            throw e;
        }
        return new CallRateLimiter.Granted(clock.instant());
    }

    Instant take(List<BucketKey> keys) throws InterruptedException {
        while (true) {
            CallRateLimiter.Attempt attempt = tryTake(keys);
            if (attempt instanceof CallRateLimiter.Granted granted) {
                return granted.at();
            }
            sleeper.sleep(((CallRateLimiter.Wait) attempt).delay());
        }
    }

    /** Best effort: a token that cannot be given back only slows calls down, it never speeds them up. */
    private static void giveBack(List<BucketOperations> taken) {
        for (BucketOperations bucket : taken) {
            try {
                bucket.addTokens(1);
            } catch (RuntimeException ignored) {
                // the bucket refills on its own within one period
            }
        }
    }
}
