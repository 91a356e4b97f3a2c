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
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.ratelimit.BucketOperations.Reservation;

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
        RateLimits limits = new RateLimits(10, 10, 1);
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
     * A booking that comes back late (a slow transaction) does not let its call follow the other thread's
     * closer than one period: the first booking (its token due at once) comes back after 150 ms, too late
     * to send; its token is given up and the call books another. Which thread books first, and which call
     * goes first, does not matter.
     */
    @Test
    void aLateBookingDoesNotBringTwoGrantsOfOneWorkerCloserThanOnePeriod() throws Exception {
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        BucketStore counting = countingTries(time, new AtomicInteger());
        TokenGate gate = new TokenGate(slowed(counting, time, Duration.ofMillis(150), (key, asOf) ->
                !asOf && key.name().startsWith("campaign") && time.instant().equals(RateLimiterScenarios.START)), time, time);
        RateLimits limits = new RateLimits(100, 100, 1);
        CallRateLimiter limiter = over(gate, limits);

        List<RateLimiterScenarios.Grant> grants = RateLimiterScenarios.run(time, List.of(limiter), 2, 1, 10,
                (thread, call) -> "+193833622" + thread);

        List<Instant> at = grants.stream().map(RateLimiterScenarios.Grant::at).sorted().toList();
        assertThat(at).hasSize(2);
        assertThat(at.get(0)).as("no call before the slow booking came back").isAfterOrEqualTo(RateLimiterScenarios.START.plusMillis(150));
        assertThat(Duration.between(at.get(0), at.get(1))).as("one period apart").isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    /**
     * Two workers share a campaign (10 calls/s) and a caller ID whose bucket runs just above that rate. The
     * caller-ID booking for the second call takes 50 ms (it starts {@link TokenGate#LEAD} before the
     * campaign token is due) and ends 10 ms late: sent then, after its campaign token, that
     * call would land beside the other worker's calls, which are on time, and could make one more than the
     * rate in a second. Its tokens are given up instead, the call takes the next campaign token, and every
     * call keeps the campaign's grid. The caller-ID token was taken as of the campaign token's instant, so
     * the next calls are not held back either.
     */
    @Test
    void aCallWhoseTokensCameBackLateGivesThemUpAndTakesTheNextOnes() throws Exception {
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        BucketStore counting = countingTries(time, new AtomicInteger());
        AtomicInteger numberBookings = new AtomicInteger();
        BucketStore buckets = slowed(counting, time, Duration.ofMillis(50),
                (key, asOf) -> asOf && key.name().startsWith("number") && numberBookings.incrementAndGet() == 2);
        RateLimits limits = new RateLimits(100, 10.1, 1);
        List<CallRateLimiter> workers = List.of(over(new TokenGate(buckets, time, time), limits),
                over(new TokenGate(buckets, time, time), limits));

        List<RateLimiterScenarios.Grant> grants = RateLimiterScenarios.run(time, workers, 1, 2, 10,
                (thread, call) -> "+19383362295");

        assertThat(grants.stream().map(RateLimiterScenarios.Grant::at).sorted().toList()).as("the token due at 100 ms went unused")
                .containsExactly(RateLimiterScenarios.START, RateLimiterScenarios.START.plusMillis(200),
                        RateLimiterScenarios.START.plusMillis(300), RateLimiterScenarios.START.plusMillis(400));
        assertThat(numberBookings.get()).as("caller-ID bookings: one per call and one for the given-up tokens").isEqualTo(5);
    }

    /**
     * A process that is always late still places calls, and gives up few tokens: every caller-ID booking
     * takes 50 ms (it starts {@link TokenGate#LEAD} before its campaign token is due). The first call gives up
     * three sets of tokens (due at 0, 100 and 200 ms) and goes with the fourth, 10 ms late; after that the
     * process gives up one set in {@value TokenGate#GRANTS_PER_GIVE_UP} grants.
     */
    @Test
    void aProcessThatIsAlwaysLateGivesUpAtMostOneTokenInSixteen() throws Exception {
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        AtomicInteger numberBookings = new AtomicInteger();
        BucketStore buckets = slowed(countingTries(time, new AtomicInteger()), time,
                Duration.ofMillis(50), (key, asOf) -> asOf && key.name().startsWith("number") && numberBookings.incrementAndGet() > 0);
        CallRateLimiter limiter = over(new TokenGate(buckets, time, time), new RateLimits(100, 100, 1));

        List<RateLimiterScenarios.Grant> grants = RateLimiterScenarios.run(time, List.of(limiter), 1, 48, 10,
                (thread, call) -> "+19383362295");

        assertThat(grants).hasSize(48);
        assertThat(grants.get(0).at()).isEqualTo(RateLimiterScenarios.START.plusMillis(310));
        assertThat(numberBookings.get()).as("48 calls, 3 sets given up at first, one after the 16th and the 32nd grant")
                .isEqualTo(48 + TokenGate.LATE_GIVE_UPS_AT_ONCE + 2);
    }

    /**
     * Buckets run below the configured rate (here at 80% of a campaign's 10 calls/s, a token every 125 ms),
     * and a worker keeps its grants one configured period (100 ms) apart. Its first booking comes back
     * 60 ms late, so its first call goes 60 ms late and holds the next ones back; they catch up by 25 ms a
     * call, never closer than 100 ms, and are back on the bucket's grid by the fourth.
     */
    @Test
    void aWorkerThatFellBehindCatchesUpNoFasterThanTheConfiguredRate() throws Exception {
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        TokenGate gate = new TokenGate(slowed(countingTries(time, new AtomicInteger()), time, Duration.ofMillis(60), (key, asOf) ->
                !asOf && key.name().startsWith("campaign") && time.instant().equals(RateLimiterScenarios.START)), time, time);
        CallRateLimiter limiter = over(gate, new RateLimits(100, 100, 0.8));

        List<RateLimiterScenarios.Grant> grants = RateLimiterScenarios.run(time, List.of(limiter), 1, 5, 10,
                (thread, call) -> "+19383362295");

        assertThat(grants.stream().map(RateLimiterScenarios.Grant::at).toList()).containsExactly(
                RateLimiterScenarios.START.plusMillis(60), RateLimiterScenarios.START.plusMillis(160),
                RateLimiterScenarios.START.plusMillis(260), RateLimiterScenarios.START.plusMillis(375),
                RateLimiterScenarios.START.plusMillis(500));
    }

    /**
     * The allowance is what the headroom leaves: at 50 calls/s, tokens one bucket period apart and sent up
     * to the allowance late (the worst case: the first of a second late, the rest on time) never make 51 in
     * a second; a millisecond more can.
     */
    @Test
    void callsSentWithinTheAllowanceOfTheirTokensNeverExceedTheRate() {
        BucketKey key = BucketKey.forCall(new RateLimits(50, 50), "+19383362295", 1, 50).get(0);
        assertThat(key.lateGrantAllowance()).isBetween(Duration.ofMillis(5), Duration.ofMillis(6));

        assertThat(RateLimiterScenarios.maxInAnySecond(sentWithFirstLate(key, key.lateGrantAllowance()))).isEqualTo(50);
        assertThat(RateLimiterScenarios.maxInAnySecond(sentWithFirstLate(key, key.lateGrantAllowance().plusMillis(1)))).isEqualTo(51);
    }

    /** 200 calls on the bucket's grid, every 51st of them sent {@code late}. */
    private static List<RateLimiterScenarios.Grant> sentWithFirstLate(BucketKey key, Duration late) {
        return java.util.stream.IntStream.range(0, 200).mapToObj(i -> new RateLimiterScenarios.Grant("+19383362295",
                RateLimiterScenarios.START.plus(key.refillPeriod().multipliedBy(i)).plus(i % 51 == 0 ? late : Duration.ZERO))).toList();
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

    /**
     * The buckets of {@code buckets}, with {@code delay} passing inside each booking that {@code slow} picks
     * (given the bucket and whether the booking is as of an instant), after the bucket read its clock.
     */
    private static BucketStore slowed(BucketStore buckets, VirtualTime time,
                                                               Duration delay, BiPredicate<BucketKey, Boolean> slow) {
        return key -> new Watched(buckets.apply(key)) {
            @Override
            void after(boolean asOf) {
                if (slow.test(key, asOf)) {
                    time.pass(delay);
                }
            }
        };
    }

    private static BucketStore countingTries(VirtualTime time, AtomicInteger tries) {
        Map<BucketKey, BucketOperations> buckets = new ConcurrentHashMap<>();
        ClockTimeMeter meter = new ClockTimeMeter(time);
        return key -> new Watched(buckets.computeIfAbsent(key, k -> BucketOperations.of(Bucket.builder()
                .addLimit(k.configuration().getBandwidths()[0]).withCustomTimePrecision(meter).build(), meter))) {
            @Override
            void before() {
                tries.incrementAndGet();
            }
        };
    }

    /** A bucket's operations with a hook before each and after each booking (whether as of an instant). */
    private static class Watched implements BucketOperations {
        private final BucketOperations bucket;

        Watched(BucketOperations bucket) {
            this.bucket = bucket;
        }

        void before() {
        }

        void after(boolean asOf) {
        }

        @Override
        public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
            before();
            return bucket.tryConsumeAndReturnRemaining(tokens);
        }

        @Override
        public Optional<Reservation> reserve(Duration maxWait) {
            before();
            Optional<Reservation> booked = bucket.reserve(maxWait);
            after(false);
            return booked;
        }

        @Override
        public Optional<Reservation> reserveAsOf(Duration maxWait, Instant instant) {
            before();
            Optional<Reservation> booked = bucket.reserveAsOf(maxWait, instant);
            after(true);
            return booked;
        }
    }
}
