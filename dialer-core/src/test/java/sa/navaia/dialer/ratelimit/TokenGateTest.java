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
        CallRateLimiter limiter = over(gate, limits);

        List<RateLimiterScenarios.Grant> grants = RateLimiterScenarios.run(time, List.of(limiter), 8, 5, 10,
                (thread, call) -> "+19383362295");

        assertThat(grants).hasSize(40);
        assertThat(RateLimiterScenarios.maxInAnySecond(grants)).isEqualTo(10);
        assertThat(grants.stream().map(RateLimiterScenarios.Grant::at).max(Instant::compareTo).orElseThrow())
                .as("no refill wasted").isEqualTo(RateLimiterScenarios.START.plus(Duration.ofMillis(3900)));
        assertThat(tries.get()).as("bucket operations: three buckets (number, campaign, account) per call").isEqualTo(3 * 40);
    }

    /**
     * A booking that comes back late (a slow transaction) does not let its call follow the previous grant
     * of this worker closer than one period: the booking of the first token (due at once) takes 150 ms, so
     * the other thread's token (due at 100 ms) is granted first, and the first call then waits until
     * 200 ms, not 150. Which thread books first does not matter.
     */
    @Test
    void aLateBookingDoesNotBringTwoGrantsOfOneWorkerCloserThanOnePeriod() throws Exception {
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        Function<BucketKey, BucketOperations> counting = countingTries(time, new AtomicInteger());
        TokenGate gate = new TokenGate(key -> {
            BucketOperations bucket = counting.apply(key);
            return new BucketOperations() {
                @Override
                public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
                    return bucket.tryConsumeAndReturnRemaining(tokens);
                }

                @Override
                public Optional<Duration> reserve(Duration maxWait) {
                    Optional<Duration> wait = bucket.reserve(maxWait);
                    if (key.name().startsWith("campaign") && wait.orElseThrow().isZero()) {
                        try {
                            time.sleep(Duration.ofMillis(150));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return wait;
                }
            };
        }, time, time);
        RateLimits limits = new RateLimits(100, 100);
        CallRateLimiter limiter = over(gate, limits);

        List<RateLimiterScenarios.Grant> grants = RateLimiterScenarios.run(time, List.of(limiter), 2, 1, 10,
                (thread, call) -> "+193833622" + thread);

        assertThat(grants.stream().map(RateLimiterScenarios.Grant::at).sorted().toList()).containsExactly(
                RateLimiterScenarios.START.plusMillis(100), RateLimiterScenarios.START.plusMillis(200));
    }

    /** The limiter of one worker over {@code gate}, as {@link TokenBucketLimiter} makes it. */
    private static CallRateLimiter over(TokenGate gate, RateLimits limits) {
        return new CallRateLimiter() {
            @Override
            public Instant acquire(String callerId, long campaignId, double campaignCps) throws InterruptedException {
                return gate.take(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
            }

            @Override
            public Optional<Instant> acquire(String callerId, long campaignId, double campaignCps, Duration maxWait)
                    throws InterruptedException {
                return gate.take(BucketKey.forCall(limits, callerId, campaignId, campaignCps), maxWait);
            }

            @Override
            public Attempt tryAcquire(String callerId, long campaignId, double campaignCps) {
                return gate.tryTake(BucketKey.forCall(limits, callerId, campaignId, campaignCps));
            }
        };
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
