package sa.navaia.dialer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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

    /**
     * Two workers, three threads each, 60 calls on 12 caller IDs, sharing an account of 10 CPS: never more
     * than 10 in any second, and no refill wasted (the 60 take exactly 5.9 s). The numbers' own rate is
     * high enough that even the last thread alone could use every account token.
     */
    static void twoWorkersSharingTenCallsPerSecondNeverExceedTenInAnySecond(Factory factory) throws Exception {
        List<Grant> grants = runTwoWorkers(factory, new RateLimits(10, 10, 1), 3, 10, 100, RateLimiterScenarios::twoNumbersPerThread);

        assertPaced(grants, 60, 10, Duration.ofMillis(5900));
    }

    /** Every thread of both workers calls from one caller ID of 1 CPS (Twilio's default): one call a second. */
    static void oneCallerIdSharedByEveryWorkerPlacesOneCallASecond(Factory factory) throws Exception {
        List<Grant> grants = runTwoWorkers(factory, new RateLimits(10, 1, 1), 2, 2, 100, (thread, call) -> "+19383362295");

        assertPaced(grants, 8, 1, Duration.ofSeconds(7));
    }

    /** A campaign of 2 CPS is held to 2 even when the account and the numbers allow more. */
    static void aCampaignsOwnRateBindsWhenItIsTheLowest(Factory factory) throws Exception {
        List<Grant> grants = runTwoWorkers(factory, new RateLimits(10, 5, 1), 2, 5, 2, RateLimiterScenarios::twoNumbersPerThread);

        assertPaced(grants, 20, 2, Duration.ofMillis(9500));
    }

    /** One thread: a number waits a full second for its next call; another number goes after a tenth. */
    static void eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        time.enter();
        CallRateLimiter limiter = factory.create(new RateLimits(10, 1, 1), time, time);

        Instant first = limiter.acquire("+19383362295", 1, 5);
        Instant sameNumber = limiter.acquire("+19383362295", 1, 5);
        Instant otherNumber = limiter.acquire("+19383362296", 1, 5);

        assertThat(first).isEqualTo(START);
        assertThat(sameNumber).isEqualTo(START.plusSeconds(1));
        assertThat(otherNumber).isEqualTo(START.plusMillis(1200));
    }

    /**
     * A try refused by a later bucket spends the tokens it took before (a token given back to a bucket
     * with bookings would let two calls share an instant), and says which bucket refused and for how long.
     */
    static void aRefusedTrySpendsTheTokensItTook(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        time.enter();
        CallRateLimiter limiter = factory.create(new RateLimits(10, 1, 1), time, time);

        assertThat(limiter.tryAcquire("+19383362295", 1, 1)).isEqualTo(new CallRateLimiter.Granted(START));
        assertThat(limiter.tryAcquire("+19383362296", 1, 1))
                .isEqualTo(new CallRateLimiter.Wait(Duration.ofSeconds(1), "campaign:1"));
        assertThat(limiter.tryAcquire("+19383362296", 2, 1))
                .isEqualTo(new CallRateLimiter.Wait(Duration.ofMillis(100), "account"));
        time.sleep(Duration.ofMillis(100));
        assertThat(limiter.tryAcquire("+19383362296", 2, 1)).as("campaign 2's token was spent by the refused try")
                .isEqualTo(new CallRateLimiter.Wait(Duration.ofMillis(900), "campaign:2"));
        time.sleep(Duration.ofMillis(900));
        assertThat(limiter.tryAcquire("+19383362296", 2, 1)).isEqualTo(new CallRateLimiter.Granted(START.plusSeconds(1)));
    }

    /**
     * An API call that cannot have its tokens within its wait gets nothing and books nothing: the next
     * call from that caller ID goes when the number refills, not one period later.
     */
    static void aCallThatCannotWaitLongEnoughBooksNothing(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        time.enter();
        CallRateLimiter limiter = factory.create(new RateLimits(10, 1, 1), time, time);

        Instant first = limiter.acquire("+19383362295", 1, 5);
        Optional<Instant> impatient = limiter.acquire("+19383362295", 1, 5, Duration.ofMillis(500));
        Optional<Instant> patient = limiter.acquire("+19383362295", 1, 5, Duration.ofSeconds(2));

        assertThat(first).isEqualTo(START);
        assertThat(impatient).as("the number refills only after 1 s").isEmpty();
        assertThat(patient).contains(START.plusSeconds(1));
    }

    /**
     * Four threads of one worker book a campaign's tokens ahead: the twelve grants come exactly one period
     * apart, however the threads interleave.
     */
    static void bookedTokensComeExactlyOnePeriodApart(Factory factory) throws Exception {
        VirtualTime time = new VirtualTime(START);
        CallRateLimiter limiter = factory.create(new RateLimits(10, 10, 1), time, time);

        List<Grant> grants = run(time, List.of(limiter), 4, 3, 2,
                (thread, call) -> "+1938336" + String.format("%02d%02d", thread, call));

        assertThat(grants).extracting(Grant::at).as("12 calls of a campaign at 2 calls/s")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 12).mapToObj(i -> START.plusMillis(500L * i)).toList());
    }

    /** The caller ID of a thread's n-th call. */
    @FunctionalInterface
    interface CallerIds {
        String of(int thread, int call);
    }

    /** Each thread alternates two caller IDs of its own. */
    static String twoNumbersPerThread(int thread, int call) {
        return "+1938336" + String.format("%02d%02d", thread, call % 2);
    }

    private static List<Grant> runTwoWorkers(Factory factory, RateLimits limits, int threadsPerWorker, int callsPerThread,
                                             double campaignCps, CallerIds callerIds) throws Exception {
        VirtualTime time = new VirtualTime(START);
        List<CallRateLimiter> workers = List.of(factory.create(limits, time, time), factory.create(limits, time, time));
        return run(time, workers, threadsPerWorker, callsPerThread, campaignCps, callerIds);
    }

    /** Runs {@code threadsPerWorker} threads on each worker, each placing {@code callsPerThread} calls for campaign 7. */
    static List<Grant> run(VirtualTime time, List<CallRateLimiter> workers, int threadsPerWorker, int callsPerThread,
                           double campaignCps, CallerIds callerIds) throws Exception {
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
                            String callerId = callerIds.of(thread, call);
                            grants.add(new Grant(callerId, limiter.acquire(callerId, 7, campaignCps)));
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

    /** All calls granted, never more than {@code perSecond} in any second, and no refill wasted. */
    private static void assertPaced(List<Grant> grants, int calls, int perSecond, Duration span) {
        assertThat(grants).as("grants").hasSize(calls);
        assertThat(maxInAnySecond(grants)).as("most grants in any one second").isEqualTo(perSecond);
        assertThat(span(grants)).as(calls + " calls at " + perSecond + " per second").isEqualTo(span);
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
