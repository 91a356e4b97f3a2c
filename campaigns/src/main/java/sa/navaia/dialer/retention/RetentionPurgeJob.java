package sa.navaia.dialer.retention;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daily retention purge ({@link RetentionPurge}), fired once across the workers by the clustered job store. */
@DisallowConcurrentExecution
public class RetentionPurgeJob implements Job {

    static final JobKey KEY = JobKey.jobKey("retention-purge", "maintenance");
    private static final Logger log = LoggerFactory.getLogger(RetentionPurgeJob.class);

    private final RetentionPurge purge;

    public RetentionPurgeJob(RetentionPurge purge) {
        this.purge = purge;
    }

    @Override
    public void execute(JobExecutionContext context) {
        RetentionPurge.Purged purged = purge.purge();
        log.info("Retention purge: {} row(s) past their retention ({}).", purged.total(), purged.describe());
    }
}
