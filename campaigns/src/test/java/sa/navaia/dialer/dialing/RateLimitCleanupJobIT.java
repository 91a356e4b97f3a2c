package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.ratelimit.JdbcCallRateLimiter;
import sa.navaia.dialer.ratelimit.RateLimits;
import sa.navaia.dialer.ratelimit.Sleeper;

/** Rate-limit buckets idle for ten minutes are deleted by the hourly job; newer ones stay. On H2 and MariaDB. */
class RateLimitCleanupJobIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void bucketsIdleForTenMinutesAreDeletedAndNewerOnesStay(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcCallRateLimiter limiter = new JdbcCallRateLimiter(db.dataSource(), new RateLimits(10, 1, 1), Clock.systemUTC(),
                    Sleeper.SYSTEM);
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            limiter.acquire("+19383362295", 1, 5);
            // Bucket4j stamps each write with an expiry ten minutes (plus the refill) ahead, on the system clock;
            // these three rows are aged as if written half an hour ago.
            jdbc.sql("UPDATE rate_limit_buckets SET expires_at = :past")
                    .param("past", Instant.now().minus(Duration.ofMinutes(20)).toEpochMilli()).update();
            limiter.acquire("+19383362296", 2, 5);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_buckets").query(Long.class).single()).isEqualTo(5);

            new RateLimitCleanupJob(limiter).execute(null);

            assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_buckets").query(Long.class).single())
                    .as("the first call's number and campaign buckets are gone; the account's was used since").isEqualTo(3);
            limiter.acquire("+19383362295", 1, 5);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_buckets").query(Long.class).single())
                    .as("a deleted bucket is created again when used").isEqualTo(5);
        }
    }
}
