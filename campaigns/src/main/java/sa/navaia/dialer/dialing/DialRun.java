package sa.navaia.dialer.dialing;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sa.navaia.dialer.campaign.Campaign;

/**
 * The state of one execution of the dial step, shared by its reader, processor, writer and listener
 * (step scope): the campaign as last read, the counters, and why the run stopped early, if it did.
 */
class DialRun {

    private final long campaignId;
    private final String runId;
    private final Instant horizonEnd;
    private final DialStats stats;
    private final AtomicReference<Campaign> campaign = new AtomicReference<>();
    private final AtomicReference<String> stopExitCode = new AtomicReference<>();

    /** The run id of a job execution, as {@code call_attempts.run_id} and {@code dial_run_heartbeats.run_id} hold it. */
    static String runIdOf(long jobExecutionId) {
        return DialJobConfiguration.JOB + "/" + jobExecutionId;
    }

    DialRun(long campaignId, String runId, Instant startedAt, Instant horizonEnd) {
        this.campaignId = campaignId;
        this.runId = runId;
        this.horizonEnd = horizonEnd;
        this.stats = new DialStats(startedAt);
    }

    long campaignId() {
        return campaignId;
    }

    String runId() {
        return runId;
    }

    Instant horizonEnd() {
        return horizonEnd;
    }

    DialStats stats() {
        return stats;
    }

    Campaign campaign() {
        return campaign.get();
    }

    void campaign(Campaign current) {
        campaign.set(current);
    }

    /** Ends the run early with this exit code, e.g. {@code STOPPED_CAMPAIGN_PAUSED}; the first reason wins. */
    void stop(String exitCode) {
        stopExitCode.compareAndSet(null, exitCode);
    }

    Optional<String> stopped() {
        return Optional.ofNullable(stopExitCode.get());
    }
}
