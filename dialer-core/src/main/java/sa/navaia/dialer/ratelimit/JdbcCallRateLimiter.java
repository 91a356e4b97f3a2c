package sa.navaia.dialer.ratelimit;

import java.time.Clock;
import javax.sql.DataSource;

/**
 * The shared limiter: Bucket4j buckets in the table {@code rate_limit_buckets} (migration V4), read and
 * written under {@code SELECT ... FOR UPDATE} by every process on the database, so all workers together
 * stay within the rates. Works on MySQL/MariaDB and on H2 in MySQL mode. Each bucket's row is created
 * ahead of its first use, and deadlocks are retried (see {@link DatabaseBuckets}).
 */
public final class JdbcCallRateLimiter extends TokenBucketLimiter {

    private final DatabaseBuckets buckets;

    public JdbcCallRateLimiter(DataSource dataSource, RateLimits limits, Clock clock, Sleeper sleeper) {
        this(new DatabaseBuckets(dataSource, clock), limits, clock, sleeper);
    }

    private JdbcCallRateLimiter(DatabaseBuckets buckets, RateLimits limits, Clock clock, Sleeper sleeper) {
        super(limits, new TokenGate(buckets, clock, sleeper));
        this.buckets = buckets;
    }

    /**
     * Deletes up to {@code batchSize} bucket rows that expired (ten minutes after their bucket was full
     * again); returns how many went. Run it now and then, e.g. from a nightly job.
     */
    public int removeExpired(int batchSize) {
        return buckets.removeExpired(batchSize);
    }
}
