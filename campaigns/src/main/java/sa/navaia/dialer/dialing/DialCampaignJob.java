package sa.navaia.dialer.dialing;

import java.util.Date;
import java.util.Optional;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Trigger;
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

    /** The job a console or API start fires once, beside the campaign's cron schedule. */
    public static JobKey nowKey(long campaignId) {
        return JobKey.jobKey("dial-now-" + campaignId, "campaigns");
    }

    /**
     * The fire time this firing stands in for, when it is a misfire's catch-up: the schedule's first fire
     * time after its previous firing (or its start) lies well before this firing's own.
     */
    static Optional<Date> missedFireTime(JobExecutionContext context) {
        Trigger trigger = context.getTrigger();
        Date scheduled = context.getScheduledFireTime();
        if (!(trigger instanceof CronTrigger) || scheduled == null) {
            return Optional.empty();
        }
        Date after = context.getPreviousFireTime() != null ? context.getPreviousFireTime()
                : new Date(trigger.getStartTime().getTime() - 1);
        Date due = trigger.getFireTimeAfter(after);
        return due != null && due.getTime() < scheduled.getTime() - 1000 ? Optional.of(due)
                : Optional.empty();
    }

    @Override
    public void execute(JobExecutionContext context) {
        long campaignId = context.getMergedJobDataMap().getLong("campaignId");
        missedFireTime(context).ifPresent(missed -> log.info("Schedule of campaign {} missed its fire time {} while no"
                + " worker ran it; catching up now with one run (it dials only inside each recipient's window).",
                campaignId, missed.toInstant()));
        if (context.isRecovering()) {
            log.info("The worker that ran campaign {}'s scheduled dial run is gone; this worker takes the run over.",
                    campaignId);
        }
        log.info("Schedule fired for campaign {}: {}", campaignId, runs.launch(campaignId).message());
    }
}
