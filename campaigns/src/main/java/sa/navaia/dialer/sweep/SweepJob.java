package sa.navaia.dialer.sweep;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;

/**
 * Asks Twilio and ElevenLabs about calls nobody reported on: final statuses first (they free live-call slots), then
 * transcripts. Scheduled every {@code dialer.sweep.every} (one minute), once across the cluster.
 */
@DisallowConcurrentExecution
public class SweepJob implements Job {

    static final JobKey KEY = JobKey.jobKey("sweep-unreported-calls", "maintenance");

    private final CallSweeper calls;
    private final TranscriptSweeper transcripts;

    public SweepJob(CallSweeper calls, TranscriptSweeper transcripts) {
        this.calls = calls;
        this.transcripts = transcripts;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            calls.sweep();
            transcripts.sweep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobExecutionException("Interrupted while sweeping", e);
        }
    }
}
