package sa.navaia.dialer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.TestDatabase;

class JdbcCallRateLimiterIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void twoWorkersSharingTenCallsPerSecondNeverExceedTenInAnySecond(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create(); Workers workers = new Workers(db)) {
            RateLimiterScenarios.twoWorkersSharingTenCallsPerSecondNeverExceedTenInAnySecond(workers::create);

            long rows = JdbcClient.create(db.dataSource()).sql("SELECT COUNT(*) FROM rate_limit_buckets").query(Long.class).single();
            assertThat(rows).as("12 numbers, 1 campaign, 1 account").isEqualTo(14);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCampaignsOwnRateBindsWhenItIsTheLowest(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create(); Workers workers = new Workers(db)) {
            RateLimiterScenarios.aCampaignsOwnRateBindsWhenItIsTheLowest(workers::create);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create(); Workers workers = new Workers(db)) {
            RateLimiterScenarios.eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn(workers::create);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallThatMustWaitHoldsNoTokens(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create(); Workers workers = new Workers(db)) {
            RateLimiterScenarios.aCallThatMustWaitHoldsNoTokens(workers::create);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void freshBucketsHaveNothingToExpire(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create()) {
            VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
            time.enter();
            JdbcCallRateLimiter limiter = new JdbcCallRateLimiter(db.dataSource(), new RateLimits(10, 1), time, time);
            limiter.acquire("+19383362295", 1, 1);

            assertThat(limiter.removeExpired(100)).isZero();
        }
    }

    /** Each worker is a process of its own: its own connection pool on the shared database. */
    private static final class Workers implements AutoCloseable {
        private final TestDatabase.Migrated db;
        private final List<HikariDataSource> pools = new ArrayList<>();

        Workers(TestDatabase.Migrated db) {
            this.db = db;
        }

        CallRateLimiter create(RateLimits limits, java.time.Clock clock, Sleeper sleeper) {
            HikariDataSource pool = DataSources.create(db.settings(), "worker-" + (pools.size() + 1));
            pools.add(pool);
            return new JdbcCallRateLimiter(pool, limits, clock, sleeper);
        }

        @Override
        public void close() {
            pools.forEach(HikariDataSource::close);
        }
    }
}
