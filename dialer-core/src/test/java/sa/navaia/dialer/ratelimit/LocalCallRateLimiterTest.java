package sa.navaia.dialer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCallRateLimiterTest {

    /** One process, so both "workers" are the same limiter. */
    private static RateLimiterScenarios.Factory sharedInProcess() {
        CallRateLimiter[] shared = new CallRateLimiter[1];
        return (limits, clock, sleeper) -> {
            if (shared[0] == null) {
                shared[0] = new LocalCallRateLimiter(limits, clock, sleeper);
            }
            return shared[0];
        };
    }

    @Test
    void threadsSharingTenCallsPerSecondNeverExceedTenInAnySecond() throws Exception {
        RateLimiterScenarios.twoWorkersSharingTenCallsPerSecondNeverExceedTenInAnySecond(sharedInProcess());
    }

    @Test
    void oneCallerIdSharedByEveryThreadPlacesOneCallASecond() throws Exception {
        RateLimiterScenarios.oneCallerIdSharedByEveryWorkerPlacesOneCallASecond(sharedInProcess());
    }

    @Test
    void aCampaignsOwnRateBindsWhenItIsTheLowest() throws Exception {
        RateLimiterScenarios.aCampaignsOwnRateBindsWhenItIsTheLowest(sharedInProcess());
    }

    @Test
    void eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn() throws Exception {
        RateLimiterScenarios.eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn(LocalCallRateLimiter::new);
    }

    @Test
    void aRefusedTrySpendsTheTokensItTook() throws Exception {
        RateLimiterScenarios.aRefusedTrySpendsTheTokensItTook(LocalCallRateLimiter::new);
    }

    @Test
    void aCallThatCannotWaitLongEnoughBooksNothing() throws Exception {
        RateLimiterScenarios.aCallThatCannotWaitLongEnoughBooksNothing(LocalCallRateLimiter::new);
    }

    @Test
    void bookedTokensComeExactlyOnePeriodApart() throws Exception {
        RateLimiterScenarios.bookedTokensComeExactlyOnePeriodApart(LocalCallRateLimiter::new);
    }

    @Test
    void theSlidingWindowCountSeesABurstAtASecondsBoundary() {
        var t0 = RateLimiterScenarios.START;
        List<RateLimiterScenarios.Grant> twoBursts = List.of(
                new RateLimiterScenarios.Grant("a", t0.plusMillis(900)), new RateLimiterScenarios.Grant("a", t0.plusMillis(950)),
                new RateLimiterScenarios.Grant("a", t0.plusMillis(1000)), new RateLimiterScenarios.Grant("a", t0.plusMillis(1050)),
                new RateLimiterScenarios.Grant("a", t0.plusMillis(1900)));

        assertThat(RateLimiterScenarios.maxInAnySecond(twoBursts)).isEqualTo(4);
    }

    @Test
    void badRatesAndMissingCallerIdsAreRefusedWithAReason() {
        LocalCallRateLimiter limiter = new LocalCallRateLimiter(new RateLimits(10, 1, 1), Clock.systemUTC(), Sleeper.SYSTEM);

        assertThatThrownBy(() -> new RateLimits(0, 1)).hasMessage("The account's calls per second must be a positive number, e.g. 1 or 0.5; got 0.0.");
        assertThatThrownBy(() -> new RateLimits(10, 1, 1.5))
                .hasMessage("The rate headroom is a share of the rate, above 0 and at most 1; got 1.5.");
        assertThatThrownBy(() -> limiter.tryAcquire("+19383362295", 4, Double.NaN))
                .hasMessage("The calls per second of campaign 4 must be a positive number, e.g. 1 or 0.5; got NaN.");
        assertThatThrownBy(() -> limiter.tryAcquire(" ", 4, 1)).hasMessageContaining("caller-ID number");
    }

    @Test
    void bucketIdsAreStableAndDependOnNameAndRate() {
        assertThat(new BucketKey("account", 10, 1).id()).isEqualTo(new BucketKey("account", 10, 1).id())
                .isNotEqualTo(new BucketKey("account", 5, 1).id());
        assertThat(new BucketKey("campaign:1", 1, 1).id()).isNotEqualTo(new BucketKey("campaign:2", 1, 1).id());
        assertThat(new BucketKey("number:+1", 3, 1).refillPeriod().toNanos()).isEqualTo(333_333_334L);
    }
}
