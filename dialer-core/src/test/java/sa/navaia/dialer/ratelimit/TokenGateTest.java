package sa.navaia.dialer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TokenGateTest {

    /**
     * Eight placer threads of one worker waiting for one campaign's tokens do not all wake and try the
     * shared bucket rows whenever a token refills: each call costs one booking of each bucket.
     */
    @Test
    void threadsOfOneWorkerBookEachBucketOncePerCall() throws Exception {
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        AtomicInteger tries = new AtomicInteger();
        TokenGate gate = new TokenGate(countingTries(time, tries), time, time);
        RateLimits limits = new RateLimits(10, 10);
        CallRateLimiter limiter = new CallRateLimiter() {
            @Override
            public Instant acquire(String callerId, long campaignId, double campaignCps) throws InterruptedException {
                return gate.take(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
            }

            @Override
            public Attempt tryAcquire(String callerId, long campaignId, double campaignCps) {
                return gate.tryTake(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
            }
        };

        List<RateLimiterScenarios.Grant> grants = RateLimiterScenarios.run(time, List.of(limiter), 8, 5, 10,
                (thread, call) -> "+19383362295");

        assertThat(grants).hasSize(40);
        assertThat(RateLimiterScenarios.maxInAnySecond(grants)).isEqualTo(10);
        assertThat(grants.stream().map(RateLimiterScenarios.Grant::at).max(Instant::compareTo).orElseThrow())
                .as("no refill wasted").isEqualTo(RateLimiterScenarios.START.plus(Duration.ofMillis(3900)));
        assertThat(tries.get()).as("bucket operations: three buckets (number, campaign, account) per call").isEqualTo(3 * 40);
    }

    private static Function<BucketKey, BucketOperations> countingTries(VirtualTime time, AtomicInteger tries) {
        Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
        ClockTimeMeter meter = new ClockTimeMeter(time);
        return key -> {
            Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(k.configuration().getBandwidths()[0]).withCustomTimePrecision(meter).build());
            return new BucketOperations() {
                @Override
                public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
                    tries.incrementAndGet();
                    return bucket.tryConsumeAndReturnRemaining(tokens);
                }

                @Override
                public Optional<Duration> reserve(Duration maxWait) {
                    tries.incrementAndGet();
                    return BucketOperations.reserveOn(bucket, maxWait);
                }
            };
        };
    }
}
