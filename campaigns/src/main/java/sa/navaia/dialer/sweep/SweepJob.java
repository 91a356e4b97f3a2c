package sa.navaia.dialer.sweep;

import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;

/**
 * Asks Twilio and ElevenLabs about calls nobody reported on: final statuses first (they free live-call slots), then
 * transcripts. Scheduled every {@code dialer.sweep.every} (one minute), once across the cluster. Its repairs are counted in
 * {@code dialer_sweeper_repairs_total} (by kind: {@code call_status}, {@code transcript}) and its failed look-ups in
 * {@code dialer_sweeper_failures_total}.
 */
@DisallowConcurrentExecution
public class SweepJob implements Job {

    static final JobKey KEY = JobKey.jobKey("sweep-unreported-calls", "maintenance");
    static final String REPAIRS = "dialer.sweeper.repairs";
    static final String FAILURES = "dialer.sweeper.failures";
    static final java.util.List<String> KINDS = java.util.List.of("call_status", "transcript");

    private final CallSweeper calls;
    private final TranscriptSweeper transcripts;
    private final MeterRegistry meters;

    public SweepJob(CallSweeper calls, TranscriptSweeper transcripts, MeterRegistry meters) {
        this.calls = calls;
        this.transcripts = transcripts;
        this.meters = meters;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            CallSweeper.Pass callPass = calls.sweep();
            count("call_status", callPass.ended(), callPass.failed());
            TranscriptSweeper.Pass transcriptPass = transcripts.sweep();
            count("transcript", transcriptPass.reconciled(), transcriptPass.failed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobExecutionException("Interrupted while sweeping", e);
        }
    }

    private void count(String kind, int repaired, int failed) {
        meters.counter(REPAIRS, "kind", kind).increment(repaired);
        meters.counter(FAILURES, "kind", kind).increment(failed);
    }
}
