package sa.navaia.dialer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The behaviour every {@link CallRateLimiter} must show, run by {@code LocalCallRateLimiterTest} and
 * {@code JdbcCallRateLimiterIT} over their own implementation. Time is {@link VirtualTime}: counts are
 * exact, and nothing waits for real.
 */
final class RateLimiterScenarios {

    static final Instant START = Instant.parse("2026-07-15T18:00:00Z");

    /** Makes one worker's limiter; the JDBC factory gives every worker its own pool on the same database. */
    @FunctionalInterface
    interface Factory {
        CallRateLimiter create(RateLimits limits, Clock clock, Sleeper sleeper);
    }

    record Grant(String callerId, Instant at) {
    }

    private RateLimiterScenarios() {
    }

    /** Two workers, three threads each, 60 calls on 12 caller IDs of 1 CPS, sharing an account of 10 CPS. */
    static void twoWorkersSharingTenCallsPerSecondNeverExceedTenInAnySecond(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        RateLimits limits = new RateLimits(10, 1);
        List<CallRateLimiter> workers = List.of(factory.create(limits, time, time), factory.create(limits, time, time));

        List<Grant> grants = run(time, workers, 3, 10, 1, 100);

        assertThat(grants).hasSize(60);
        assertThat(maxInAnySecond(grants)).isEqualTo(10);
        grants.stream().collect(Collectors.groupingBy(Grant::callerId)).forEach((callerId, ofOne) ->
                assertThat(maxInAnySecond(ofOne)).as("grants to " + callerId + " in one second").isEqualTo(1));
        assertThat(span(grants)).as("60 calls at 10 per second take just under 6 s").isBetween(Duration.ofMillis(5900), Duration.ofSeconds(7));
    }

    /** A campaign of 2 CPS is held to 2 even when the account and the numbers allow more. */
    static void aCampaignsOwnRateBindsWhenItIsTheLowest(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        RateLimits limits = new RateLimits(10, 5);
        List<CallRateLimiter> workers = List.of(factory.create(limits, time, time), factory.create(limits, time, time));

        List<Grant> grants = run(time, workers, 2, 5, 7, 2);

        assertThat(grants).hasSize(20);
        assertThat(maxInAnySecond(grants)).isEqualTo(2);
        assertThat(span(grants)).isBetween(Duration.ofMillis(9500), Duration.ofSeconds(11));
    }

    /** One thread: a number waits a full second for its next call; another number goes after a tenth. */
    static void eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        time.enter();
        CallRateLimiter limiter = factory.create(new RateLimits(10, 1), time, time);

        Instant first = limiter.acquire("+19383362295", 1, 5);
        Instant sameNumber = limiter.acquire("+19383362295", 1, 5);
        Instant otherNumber = limiter.acquire("+19383362296", 1, 5);

        assertThat(first).isEqualTo(START);
        assertThat(sameNumber).isEqualTo(START.plusSeconds(1));
        assertThat(otherNumber).isEqualTo(START.plusMillis(1200));
    }

    /** A call refused by its campaign's bucket gives its number's token back at once. */
    static void aCallThatMustWaitHoldsNoTokens(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        time.enter();
        CallRateLimiter limiter = factory.create(new RateLimits(10, 1), time, time);

        assertThat(limiter.tryAcquire("+19383362295", 1, 1)).isEqualTo(new CallRateLimiter.Granted(START));
        assertThat(limiter.tryAcquire("+19383362296", 1, 1))
                .isEqualTo(new CallRateLimiter.Wait(Duration.ofSeconds(1), "campaign:1"));
        assertThat(limiter.tryAcquire("+19383362296", 2, 1))
                .isEqualTo(new CallRateLimiter.Wait(Duration.ofMillis(100), "account"));
        time.sleep(Duration.ofMillis(100));
        assertThat(limiter.tryAcquire("+19383362296", 2, 1)).as("the number's token was given back")
                .isEqualTo(new CallRateLimiter.Granted(START.plusMillis(100)));
    }

    /**
     * Runs {@code threadsPerWorker} threads on each worker, each placing {@code callsPerThread} calls
     * alternately from two caller IDs of its own.
     */
    static List<Grant> run(VirtualTime time, List<CallRateLimiter> workers, int threadsPerWorker, int callsPerThread,
                           long campaignId, double campaignCps) throws Exception {
        int threads = workers.size() * threadsPerWorker;
        Collection<Grant> grants = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                time.enter();
            }
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                CallRateLimiter limiter = workers.get(t % workers.size());
                int thread = t;
                done.add(pool.submit(() -> {
                    try {
                        for (int call = 0; call < callsPerThread; call++) {
                            String callerId = "+1938336" + String.format("%02d%02d", thread, call % 2);
                            grants.add(new Grant(callerId, limiter.acquire(callerId, campaignId, campaignCps)));
                        }
                    } finally {
                        time.leave();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(grants);
    }

    /** The most grants in any half-open one-second window [t, t + 1 s). */
    static int maxInAnySecond(List<Grant> grants) {
        List<Instant> times = grants.stream().map(Grant::at).sorted().toList();
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (!times.get(from).plusSeconds(1).isAfter(times.get(to))) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    private static Duration span(List<Grant> grants) {
        Map<Boolean, Instant> ends = Map.of(
                true, grants.stream().map(Grant::at).min(Instant::compareTo).orElseThrow(),
                false, grants.stream().map(Grant::at).max(Instant::compareTo).orElseThrow());
        return Duration.between(ends.get(true), ends.get(false));
    }
}
