package sa.navaia.dialer.dialing;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.ratelimit.JdbcCallRateLimiter;

/**
 * Deletes the rows of {@code rate_limit_buckets} whose bucket has been full (idle) for ten minutes: one
 * row per caller ID and campaign ever dialed would otherwise stay forever. In batches, so no single
 * statement locks much of the table; a bucket deleted and used again is simply created afresh, full.
 * Bucket4j stamps and compares the expiry on the system clock. Workers schedule it hourly, once across
 * the cluster.
 */
@DisallowConcurrentExecution
public class RateLimitCleanupJob implements Job {

    static final JobKey KEY = JobKey.jobKey("rate-limit-cleanup", "maintenance");
    static final int EVERY_SECONDS = 3600;
    static final int BATCH = 1000;
    private static final int MAX_BATCHES = 100;
    private static final Logger log = LoggerFactory.getLogger(RateLimitCleanupJob.class);

    private final JdbcCallRateLimiter limiter;

    public RateLimitCleanupJob(JdbcCallRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void execute(JobExecutionContext context) {
        int removed = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int inBatch = limiter.removeExpired(BATCH);
            removed += inBatch;
            if (inBatch < BATCH) {
                break;
            }
        }
        if (removed > 0) {
            log.info("Removed {} idle rate-limit bucket rows.", removed);
        }
    }
}
