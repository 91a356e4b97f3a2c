package sa.navaia.dialer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.TestDatabase;

class JdbcCallRateLimiterIT {

    /** One migrated database per kind for the whole class (migrating MariaDB takes seconds); emptied per test. */
    private static final Map<TestDatabase, TestDatabase.Migrated> DATABASES = new EnumMap<>(TestDatabase.class);

    private static synchronized TestDatabase.Migrated emptied(TestDatabase kind) {
        TestDatabase.Migrated db = DATABASES.computeIfAbsent(kind, TestDatabase::create);
        JdbcClient.create(db.dataSource()).sql("DELETE FROM rate_limit_buckets").update();
        return db;
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.values().forEach(TestDatabase.Migrated::close);
        DATABASES.clear();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void twoWorkersSharingTenCallsPerSecondNeverExceedTenInAnySecond(TestDatabase kind) throws Exception {
        try (Workers workers = new Workers(emptied(kind))) {
            RateLimiterScenarios.twoWorkersSharingTenCallsPerSecondNeverExceedTenInAnySecond(workers::create);

            long rows = JdbcClient.create(workers.db.dataSource()).sql("SELECT COUNT(*) FROM rate_limit_buckets").query(Long.class).single();
            assertThat(rows).as("12 numbers, 1 campaign, 1 account").isEqualTo(14);
        }
    }

    /** The scenarios every limiter passes, on each database: names read "aRefusedTrySpendsTheTokensItTook MariaDB". */
    static Stream<Arguments> scenariosOnEachDatabase() {
        Map<String, Scenario> scenarios = Map.of(
                "oneCallerIdSharedByEveryWorkerPlacesOneCallASecond", RateLimiterScenarios::oneCallerIdSharedByEveryWorkerPlacesOneCallASecond,
                "aCampaignsOwnRateBindsWhenItIsTheLowest", RateLimiterScenarios::aCampaignsOwnRateBindsWhenItIsTheLowest,
                "eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn", RateLimiterScenarios::eachNumberIsPacedAtItsOwnRateAndTheAccountAtItsOwn,
                "aRefusedTrySpendsTheTokensItTook", RateLimiterScenarios::aRefusedTrySpendsTheTokensItTook,
                "bookedTokensComeExactlyOnePeriodApart", RateLimiterScenarios::bookedTokensComeExactlyOnePeriodApart,
                "aCallThatCannotWaitLongEnoughBooksNothing", RateLimiterScenarios::aCallThatCannotWaitLongEnoughBooksNothing);
        return scenarios.entrySet().stream().sorted(Map.Entry.comparingByKey()).flatMap(scenario ->
                Stream.of(TestDatabase.values()).map(kind -> Arguments.of(Named.of(scenario.getKey(), scenario.getValue()), kind)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenariosOnEachDatabase")
    void behavesLikeEveryLimiter(Scenario scenario, TestDatabase kind) throws Exception {
        try (Workers workers = new Workers(emptied(kind))) {
            scenario.run(workers::create);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void freshBucketsHaveNothingToExpire(TestDatabase kind) throws Exception {
        TestDatabase.Migrated db = emptied(kind);
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        time.enter();
        JdbcCallRateLimiter limiter = new JdbcCallRateLimiter(db.dataSource(), new RateLimits(10, 1, 1), time, time);
        limiter.acquire("+19383362295", 1, 1);

        assertThat(limiter.removeExpired(100)).isZero();
    }

    /**
     * A call costs two commits of the rate-limit table: its binding bucket's booking, then its two other
     * buckets' bookings in one transaction (each in its own, they cost one commit more per call).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallsOtherBucketsAreBookedInOneTransaction(TestDatabase kind) throws Exception {
        TestDatabase.Migrated db = emptied(kind);
        VirtualTime time = new VirtualTime(RateLimiterScenarios.START);
        time.enter();
        AtomicInteger commits = new AtomicInteger();
        JdbcCallRateLimiter limiter = new JdbcCallRateLimiter(countingCommits(db.dataSource(), commits),
                new RateLimits(10, 10, 1), time, time);
        limiter.acquire("+19383362295", 1, 5);
        commits.set(0);

        limiter.acquire("+19383362295", 1, 5);

        assertThat(commits).hasValue(2);
        assertThat(JdbcClient.create(db.dataSource()).sql("SELECT COUNT(*) FROM rate_limit_buckets WHERE state IS NOT NULL")
                .query(Long.class).single()).as("all three buckets booked").isEqualTo(3);
    }

    private static DataSource countingCommits(DataSource dataSource, AtomicInteger commits) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("commit")) {
                                commits.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    @FunctionalInterface
    interface Scenario {
        void run(RateLimiterScenarios.Factory workers) throws Exception;
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
