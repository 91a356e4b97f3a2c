package sa.navaia.dialer.dialing;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz side of a campaign's schedule: launches the dial job for today in the campaign's zone. */
@DisallowConcurrentExecution
public class DialCampaignJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(DialCampaignJob.class);

    private final DialRuns runs;

    public DialCampaignJob(DialRuns runs) {
        this.runs = runs;
    }

    public static JobKey key(long campaignId) {
        return JobKey.jobKey("dial-" + campaignId, "campaigns");
    }

    @Override
    public void execute(JobExecutionContext context) {
        long campaignId = context.getMergedJobDataMap().getLong("campaignId");
        if (context.isRecovering()) {
            log.info("The worker that ran campaign {}'s scheduled dial run is gone; this worker takes the run over.",
                    campaignId);
        }
        log.info("Schedule fired for campaign {}: {}", campaignId, runs.launch(campaignId).message());
    }
}
